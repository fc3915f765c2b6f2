package jp.kyoso.members.member;

import java.time.LocalDate;

/** A position as the API shows it: in profiles (前所属), handovers and past holders. */
public record PositionView(String organization, String organizationCode, String department, LocalDate from,
                           LocalDate to) {

    public static PositionView of(Position p) {
        return new PositionView(p.organization(), p.organizationCode(), p.department(),
                p.from() == null ? null : LocalDate.parse(p.from()), p.to() == null ? null : LocalDate.parse(p.to()));
    }
}
