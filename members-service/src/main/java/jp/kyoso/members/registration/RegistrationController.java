package jp.kyoso.members.registration;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RegistrationController {
    private final RegistrationService registration;

    RegistrationController(RegistrationService registration) {
        this.registration = registration;
    }

    @PostMapping("/api/auth/register")
    @ResponseStatus(HttpStatus.ACCEPTED)
    RegistrationService.Registered register(@Valid @RequestBody RegistrationRequest request) {
        return registration.register(request);
    }
}
