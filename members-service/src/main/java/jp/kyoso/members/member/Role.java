package jp.kyoso.members.member;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

public enum Role {
    MEMBER, MODERATOR, ADMIN;

    /** Every member is a MEMBER; the list is kept in one order so that "unchanged" is a plain equality. */
    public static List<String> canonical(Collection<String> roles) {
        return Arrays.stream(values())
                .filter(role -> role == MEMBER || roles.contains(role.name()))
                .map(Role::name)
                .toList();
    }

    public static boolean isKnown(String name) {
        return Arrays.stream(values()).anyMatch(role -> role.name().equals(name));
    }
}
