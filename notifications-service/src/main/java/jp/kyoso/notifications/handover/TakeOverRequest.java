package jp.kyoso.notifications.handover;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code targets}: the watches to take over; absent (or no body): all of them. */
public record TakeOverRequest(
        @Size(max = 1000, message = "targets は 1000 件までです / At most 1000 targets")
        List<@NotNull(message = "target を指定してください / A target is required") @Valid WatchTarget> targets) {
}
