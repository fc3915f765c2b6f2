package jp.kyoso.members.organization;

/** One answer of {@code GET /api/organizations}: what the registration form offers (「沖縄県 久米島町」). */
public record OrganizationSuggestion(String lgcode, String name, String prefecture, String kind, String label) {

    static OrganizationSuggestion of(Municipality m) {
        return new OrganizationSuggestion(m.code(), m.name(), m.prefecture(), m.kind().label(), m.label());
    }
}
