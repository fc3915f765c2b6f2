package jp.kyoso.members.peers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.kyoso.members.Messages;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.member.MemberStatus;
import jp.kyoso.members.member.Members;
import jp.kyoso.members.organization.Municipalities;
import jp.kyoso.members.organization.Municipality;
import jp.kyoso.members.organization.OrganizationKind;
import jp.kyoso.members.organization.OrganizationTypes;
import jp.kyoso.members.peers.PeerTowns.PeerMember;
import jp.kyoso.members.peers.PeerTowns.PeerTown;
import jp.kyoso.platform.web.ApiProblem;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Finds "towns like mine". The same-kind municipalities within reach come from the in-memory catalogue; one query
 * (organization code {@code $in} their codes, a projection of five small fields) reads their active members, most
 * recently joined first, and they are grouped here. A designated city's wards count as the city: a member of
 * 横浜市 鶴見区 sees other designated cities, not Yokohama's other wards, and is seen as a member of 横浜市.
 */
@Service
class PeerTownsFinder {
    private static final int MEMBERS_PER_TOWN = 5;
    private static final int MAX_PEER_CODES = 50;

    private final MongoTemplate mongo;
    private final Members members;
    private final Municipalities municipalities;
    private final OrganizationTypes organizationTypes;

    PeerTownsFinder(MongoTemplate mongo, Members members, Municipalities municipalities,
                    OrganizationTypes organizationTypes) {
        this.mongo = mongo;
        this.members = members;
        this.municipalities = municipalities;
        this.organizationTypes = organizationTypes;
    }

    PeerTowns peersOf(String memberId, int withinKm, int limit) {
        Member me = members.byId(memberId).filter(Member::isActive)
                .orElseThrow(() -> ApiProblem.notFound(Messages.get("member.not-found")));
        Optional<Municipality> mine = municipalities.byCode(me.organizationCode())
                .flatMap(m -> municipalities.byCode(m.unitCode()));
        if (mine.isEmpty()) {
            OrganizationKind kind = organizationTypes.kindOf(me.organizationCode());
            return new PeerTowns(me.organizationCode(), kind == null ? null : kind.label(), withinKm, List.of(),
                    List.of(), Messages.get("peers.no-code"));
        }
        Municipality home = mine.get();

        // Same kind, within reach, not the caller's own; a designated city stands for its wards (unitCode).
        List<Municipality> nearby = new ArrayList<>();
        Map<Municipality, Double> distances = new HashMap<>();
        for (Municipality m : municipalities.all()) {
            if (m.kind() == home.kind() && m.cityCode() == null && !m.code().equals(home.code())) {
                double km = home.distanceKmTo(m);
                if (km <= withinKm) {
                    nearby.add(m);
                    distances.put(m, km);
                }
            }
        }
        nearby.sort(Comparator.<Municipality>comparingDouble(distances::get).thenComparing(Municipality::code));
        Map<String, Municipality> unitOfCode = new HashMap<>();
        for (Municipality town : nearby) {
            municipalities.codesOf(town).forEach(code -> unitOfCode.put(code, town));
        }

        Query query = Query.query(Criteria.where("status").is(MemberStatus.ACTIVE)
                        .and("organizationCode").in(unitOfCode.keySet()))
                .with(Sort.by(Sort.Order.desc("activatedAt"), Sort.Order.desc("_id")));
        query.fields().include("handle", "displayName", "department", "organizationCode");
        Map<String, List<PeerMember>> membersByTown = new HashMap<>();
        Map<String, Set<String>> codesByTown = new HashMap<>();
        for (Document d : unitOfCode.isEmpty() ? List.<Document>of()
                : mongo.find(query, Document.class, Member.COLLECTION)) {
            String town = unitOfCode.get(d.getString("organizationCode")).code();
            codesByTown.computeIfAbsent(town, k -> new LinkedHashSet<>()).add(d.getString("organizationCode"));
            List<PeerMember> list = membersByTown.computeIfAbsent(town, k -> new ArrayList<>());
            if (list.size() < MEMBERS_PER_TOWN) {
                list.add(new PeerMember(d.getString("_id"), d.getString("displayName"), d.getString("handle"),
                        d.getString("department")));
            }
        }

        List<PeerTown> items = new ArrayList<>();
        Set<String> peerCodes = new LinkedHashSet<>();
        for (Municipality town : nearby) {
            List<PeerMember> townMembers = membersByTown.get(town.code());
            if (townMembers == null) {
                continue;
            }
            if (items.size() < limit) {
                items.add(new PeerTown(town.code(), town.name(), town.prefecture(), town.kind().label(),
                        Municipality.roundedKm(distances.get(town)), townMembers));
            }
            for (String code : codesByTown.get(town.code())) {
                if (peerCodes.size() < MAX_PEER_CODES) {
                    peerCodes.add(code);
                }
            }
        }
        return new PeerTowns(me.organizationCode(), home.kind().label(), withinKm, items, List.copyOf(peerCodes),
                null);
    }
}
