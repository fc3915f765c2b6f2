package jp.kyoso.members.organization;

import jp.kyoso.members.Messages;

/** The kind of public body a member works for, as the activation funnel groups members. */
public enum OrganizationType {
    PREFECTURE("prefecture"),
    CITY("city"),
    TOWN("town"),
    VILLAGE("village"),
    SPECIAL_WARD("special-ward"),
    NATIONAL("national"),
    OTHER("other");

    private final String labelKey;

    OrganizationType(String labelKey) {
        this.labelKey = labelKey;
    }

    /** The funnel's group label, from the message file. */
    public String label() {
        return Messages.get("organization.type." + labelKey);
    }
}
