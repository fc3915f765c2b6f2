package jp.kyoso.members.organization;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Tells a member's {@link OrganizationType} from their organization code and email address, using the municipality
 * and prefecture lists shipped in {@code resources/organization} (CC0, see the README there). Loaded once: 1,963 codes.
 */
@Component
public class OrganizationTypes {
    private static final String GO_JP = "go.jp";
    private static final String TOKYO = "13";

    private final Map<String, OrganizationType> byCode;

    public OrganizationTypes() {
        Map<String, OrganizationType> types = new HashMap<>();
        readCsv("organization/municipalities.csv", columns -> {
            // pid,pref,cid,city,citykana,lat,lng,url,phrase,lgcode
            types.put(columns[9], municipalityType(columns[3], columns[9]));
        });
        readCsv("organization/prefectures.csv", columns -> {
            // The prefectures' lgcode column is written without its leading zero (10006 for 北海道).
            types.put(String.format("%6s", columns[8]).replace(' ', '0'), OrganizationType.PREFECTURE);
        });
        this.byCode = Map.copyOf(types);
    }

    /**
     * @param organizationCode six digits, or null when the member gave none
     * @param email            the member's normalized address, or null once a deactivated member's was erased
     */
    public OrganizationType of(String organizationCode, String email) {
        if (email != null && isUnderGoJp(email)) {
            return OrganizationType.NATIONAL;
        }
        if (organizationCode == null || organizationCode.isBlank()) {
            // Local staff give their body's code; a member without one is taken as national staff (the usual case
            // for invited members of ministries), unless they left and nothing is known any more.
            return email == null ? OrganizationType.OTHER : OrganizationType.NATIONAL;
        }
        return byCode.getOrDefault(organizationCode, OrganizationType.OTHER);
    }

    private static boolean isUnderGoJp(String email) {
        String domain = email.substring(email.lastIndexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
        return domain.equals(GO_JP) || domain.endsWith("." + GO_JP);
    }

    private static OrganizationType municipalityType(String name, String code) {
        if (name.contains(" ")) {
            // "札幌市 中央区": a ward of a designated city belongs to its city
            return OrganizationType.CITY;
        }
        if (name.endsWith("区")) {
            // only Tokyo's 23 wards are listed without their city
            return code.startsWith(TOKYO) ? OrganizationType.SPECIAL_WARD : OrganizationType.CITY;
        }
        if (name.endsWith("市")) {
            return OrganizationType.CITY;
        }
        if (name.endsWith("町")) {
            return OrganizationType.TOWN;
        }
        if (name.endsWith("村")) {
            return OrganizationType.VILLAGE;
        }
        return OrganizationType.OTHER;
    }

    private static void readCsv(String path, java.util.function.Consumer<String[]> row) {
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
