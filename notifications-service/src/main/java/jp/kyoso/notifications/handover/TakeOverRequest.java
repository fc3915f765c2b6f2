package jp.kyoso.notifications.handover;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code targets}: the watches to take over; absent (or no body): all of them. */
public record TakeOverRequest(
        @Size(max = 1000, message = "{handover.targets.too-many}")
        List<@NotNull(message = "{handover.targets.target-required}") @Valid WatchTarget> targets) {
}
