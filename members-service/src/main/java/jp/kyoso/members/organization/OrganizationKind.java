package jp.kyoso.members.organization;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kind of public body, as members compare themselves ("towns like mine"): finer than {@link OrganizationType}
 * (the activation funnel's fixed seven groups), which counts designated cities with the other cities. The Japanese
 * label is what the API reads and writes ({@code kind=町}).
 */
public enum OrganizationKind {
    VILLAGE("村", OrganizationType.VILLAGE),
    TOWN("町", OrganizationType.TOWN),
    CITY("市", OrganizationType.CITY),
    /** 政令指定都市: the city and its wards (区), which belong to it. */
    DESIGNATED_CITY("政令市", OrganizationType.CITY),
    /** Tokyo's 23 wards. */
    SPECIAL_WARD("特別区", OrganizationType.SPECIAL_WARD),
    PREFECTURE("都道府県", OrganizationType.PREFECTURE),
    /** National agencies: members who give no code (see {@link OrganizationTypes}). */
    NATIONAL("国", OrganizationType.NATIONAL);

    /** The labels, for messages that list them. */
    public static final String LABELS = "村, 町, 市, 特別区, 政令市, 都道府県, 国";

    private final String label;
    private final OrganizationType type;

    OrganizationKind(String label, OrganizationType type) {
        this.label = label;
        this.type = type;
    }

    public String label() {
        return label;
    }

    /** How the activation funnel counts it. */
    public OrganizationType type() {
        return type;
    }

    public static Optional<OrganizationKind> ofLabel(String label) {
        return Arrays.stream(values()).filter(kind -> kind.label.equals(label)).findFirst();
    }
}
