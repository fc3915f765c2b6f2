package jp.kyoso.posts.mention;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.kyoso.posts.member.MemberDirectory;
import jp.kyoso.posts.member.MemberRecord;
import org.springframework.stereotype.Service;

/** Resolves the mentions of a body to member ids through the member projection; unknown handles are ignored. */
@Service
public class Mentions {
    public static final int MAX_PER_BODY = 20;

    private final MemberDirectory members;

    public Mentions(MemberDirectory members) {
        this.members = members;
    }

    /** At most 20 mentioned members, in order of appearance, never the author themselves. */
    public List<String> resolve(String markdown, String authorId) {
        List<String> handles = MentionParser.handles(markdown);
        Map<String, MemberRecord> known = members.activeByHandle(handles);
        List<String> ids = new ArrayList<>();
        for (String handle : handles) {
            MemberRecord member = known.get(handle);
            if (member != null && !member.id().equals(authorId) && !ids.contains(member.id())) {
                ids.add(member.id());
                if (ids.size() == MAX_PER_BODY) {
                    break;
                }
            }
        }
        return ids;
    }
}
