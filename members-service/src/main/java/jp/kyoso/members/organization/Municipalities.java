package jp.kyoso.members.organization;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The catalogue of public bodies by 全国地方公共団体コード, read once from the lists shipped in
 * {@code resources/organization} (copies of {@code shared/data}, CC0, see the README there): 1,916 municipalities
 * (designated cities' wards included) and the 47 prefectures, with their town halls' coordinates. Small enough to
 * keep in memory and search by looping.
 *
 * <p>Kinds: a city whose wards are listed (「札幌市 中央区」) is a designated city (政令市), and its wards are of that
 * kind too; a ward listed without a city is one of Tokyo's 23 special wards (特別区); otherwise the last character
 * (市, 町, 村) says it.
 */
@Component
public class Municipalities {
    private static final String TOKYO = "13";

    private final Map<String, Municipality> byCode;
    private final List<Municipality> all;
    /** Each entry under the ways an organization name may spell it exactly (see {@link #key}). */
    private final Map<String, List<Municipality>> byName;

    public Municipalities() {
        List<String[]> rows = new ArrayList<>();
        // pid,pref,cid,city,citykana,lat,lng,url,phrase,lgcode
        readCsv("organization/municipalities.csv", rows::add);
        Map<String, String> designatedCities = new HashMap<>(); // "pref/city name" -> code, for cities with wards
        Map<String, String> cityCodes = new HashMap<>();
        for (String[] row : rows) {
            cityCodes.put(row[1] + "/" + row[3], row[9]);
        }
        for (String[] row : rows) {
            if (row[3].contains(" ")) {
                String city = row[3].substring(0, row[3].indexOf(' '));
                designatedCities.put(row[1] + "/" + city, cityCodes.get(row[1] + "/" + city));
            }
        }
        Map<String, Municipality> entries = new LinkedHashMap<>();
        // The prefectures first: searching 「沖縄」 should offer 沖縄県 before 沖縄市.
        // pid,pref,prefkana,prefshort,prefshortkana,pref_en,pref3code,url,lgcode,ISO3166-2,capital,lat,lng
        readCsv("organization/prefectures.csv", row -> {
            // written without its leading zero (10006 for 北海道)
            String code = String.format("%6s", row[8]).replace(' ', '0');
            entries.put(code, new Municipality(code, row[1], row[2], row[1], OrganizationKind.PREFECTURE,
                    Double.parseDouble(row[11]), Double.parseDouble(row[12]), null));
        });
        for (String[] row : rows) {
            String name = row[3];
            String code = row[9];
            String cityCode = null;
            OrganizationKind kind;
            if (name.contains(" ")) {
                kind = OrganizationKind.DESIGNATED_CITY;
                cityCode = designatedCities.get(row[1] + "/" + name.substring(0, name.indexOf(' ')));
            } else if (designatedCities.containsKey(row[1] + "/" + name)) {
                kind = OrganizationKind.DESIGNATED_CITY;
            } else if (name.endsWith("区")) {
                // only Tokyo's 23 wards are listed without their city
                kind = code.startsWith(TOKYO) ? OrganizationKind.SPECIAL_WARD : OrganizationKind.CITY;
            } else if (name.endsWith("町")) {
                kind = OrganizationKind.TOWN;
            } else if (name.endsWith("村")) {
                kind = OrganizationKind.VILLAGE;
            } else {
                kind = OrganizationKind.CITY;
            }
            entries.put(code, new Municipality(code, name, row[4], row[1], kind, Double.parseDouble(row[5]),
                    Double.parseDouble(row[6]), cityCode));
        }
        this.byCode = Map.copyOf(entries);
        this.all = List.copyOf(entries.values());
        Map<String, List<Municipality>> names = new HashMap<>();
        for (Municipality m : all) {
            for (String spelling : spellings(m)) {
                names.computeIfAbsent(spelling, k -> new ArrayList<>()).add(m);
            }
        }
        this.byName = Map.copyOf(names);
    }

    public Optional<Municipality> byCode(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code.trim()));
    }

    /** Every entry: the prefectures, then the municipalities in code order. */
    public List<Municipality> all() {
        return all;
    }

    /** The codes members of this unit may have: a designated city's own and its wards'; otherwise just the one. */
    public Set<String> codesOf(Municipality unit) {
        Set<String> codes = new LinkedHashSet<>();
        codes.add(unit.code());
        if (unit.kind() == OrganizationKind.DESIGNATED_CITY && unit.cityCode() == null) {
            all.stream().filter(m -> unit.code().equals(m.cityCode())).forEach(m -> codes.add(m.code()));
        }
        return codes;
    }

    /** The codes of one kind (a designated city's wards included), for the directory's {@code kind} filter. */
    public Set<String> codesOfKind(OrganizationKind kind) {
        return all.stream().filter(m -> m.kind() == kind).map(Municipality::code)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * The one entry an organization name spells exactly (「久米島町」, 「沖縄県 久米島町」, 「沖縄県久米島町」,
     * 「横浜市鶴見区」, 「沖縄県」; spaces, full-width forms and a leading prefecture do not matter), or empty when
     * the name is anything else (「那覇市役所」) or could be more than one (「府中市」 is in 東京都 and 広島県).
     *
     * @param prefectureHint the prefecture the member gave, or null: only entries in it count (it also settles a
     *                       name that two prefectures share)
     */
    public Optional<Municipality> uniqueMatch(String organizationName, String prefectureHint) {
        if (organizationName == null || organizationName.isBlank()) {
            return Optional.empty();
        }
        List<Municipality> found = byName.getOrDefault(key(organizationName), List.of()).stream()
                .filter(m -> prefectureHint == null || m.prefecture().equals(prefectureHint)).distinct().toList();
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /**
     * Entries whose name, label or reading contains the text (katakana read as hiragana, spaces ignored): exact names
     * first, then names that start with it, then the rest, each group prefectures first and in code order.
     */
    public List<Municipality> search(String text, int limit) {
        String wanted = toHiragana(key(text));
        if (wanted.isEmpty()) {
            return List.of();
        }
        return all.stream()
                .filter(m -> key(m.name()).contains(wanted) || key(m.label()).contains(wanted)
                        || key(m.kana()).contains(wanted))
                .sorted(Comparator.comparingInt(m -> rank(m, wanted)))
                .limit(limit)
                .toList();
    }

    private static int rank(Municipality m, String wanted) {
        String name = key(m.name());
        if (name.equals(wanted) || key(m.label()).equals(wanted)) {
            return 0;
        }
        return name.startsWith(wanted) || key(m.kana()).startsWith(wanted) ? 1 : 2;
    }

    private static List<String> spellings(Municipality m) {
        List<String> spellings = new ArrayList<>();
        spellings.add(key(m.name()));
        spellings.add(key(m.label()));
        if (m.cityCode() != null) {
            // 「鶴見区」 alone: also what a member of 大阪市 鶴見区 might write, so it must count as ambiguous
            String ward = m.name().substring(m.name().indexOf(' ') + 1);
            spellings.add(key(ward));
            spellings.add(key(m.prefecture() + ward));
        }
        return spellings;
    }

    /** NFKC (full-width letters and spaces become plain ones) without any white space. */
    static String key(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\s+", "");
    }

    static String toHiragana(String text) {
        StringBuilder builder = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            // ァ (U+30A1) .. ヶ (U+30F6) sit 0x60 above their hiragana
            builder.append(c >= '\u30A1' && c <= '\u30F6' ? (char) (c - 0x60) : c);
        }
        return builder.toString();
    }

    private static void readCsv(String path, Consumer<String[]> row) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8))) {
            reader.readLine(); // header
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    // The files have no quoted fields with commas (checked when they were copied).
                    row.accept(line.split(",", -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
