package jp.kyoso.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** KYOSO_LOG_FORMAT=json makes every console line one JSON object that carries the request's ids. */
class JsonLogLinesTest {

    @Configuration(proxyBeanMethods = false)
    static class NothingElse {
    }

    @Test
    void aLogLineIsOneJsonObjectWithTheServiceTheTraceAndTheRequest() {
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        SpringApplication application = new SpringApplication(NothingElse.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext ignored = application.run("--KYOSO_LOG_FORMAT=json",
                "--spring.application.name=members-service", "--spring.main.banner-mode=off")) {
            MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
            MDC.put("requestId", "req-42");
            LoggerFactory.getLogger("jp.kyoso.members").info("登録を受け付けました / registration accepted");
        } finally {
            MDC.clear();
            System.setOut(console);
        }

        String line = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(text -> text.contains("registration accepted")).findFirst().orElseThrow();
        assertThat(line).startsWith("{").endsWith("}")
                .contains("\"service\":{\"name\":\"members-service\"")
                .contains("\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\"")
                .contains("\"requestId\":\"req-42\"")
                .contains("\"message\":\"登録を受け付けました / registration accepted\"");
    }
}
