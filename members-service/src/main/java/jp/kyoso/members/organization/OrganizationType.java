package jp.kyoso.members.organization;

/** The kind of public body a member works for, as the activation funnel groups members. */
public enum OrganizationType {
    PREFECTURE("都道府県"),
    CITY("市"),
    TOWN("町"),
    VILLAGE("村"),
    SPECIAL_WARD("特別区"),
    NATIONAL("国の機関"),
    OTHER("その他");

    private final String label;

    OrganizationType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
