package jp.kyoso.load.day;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The members of the working day, made before the clock starts through the public API (register, the verification
 * mail from the mail capture, verify, sign in), and the moderator who announces. Idempotent: a member who already
 * exists from an earlier run is signed in with the same password.
 */
public final class DayMembers {
    public static final String PASSWORD = "kyoso-working-day-password";
    /** The admin of ./kyoso up (KYOSO_ADMIN_EMAILS); the scale benchmark may have registered it with its password. */
    public static final String ADMIN_EMAIL = "admin@example.lg.jp";
    private static final List<String> ADMIN_PASSWORDS = List.of(PASSWORD, "kyoso-benchmark-password");
    private static final Pattern MAIL_TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{16,})");
    private static final List<String> TOWNS = List.of("久米島町", "都城市", "奄美市", "宮古島市", "石垣市", "名護市");

    private final URI gateway;
    private final URI mailApi;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    public DayMembers(URI gateway, URI mailApi) {
        this.gateway = gateway;
        this.mailApi = mailApi;
    }

    /** {email, handle, token} of each member who could sign in. */
    public List<Map<String, Object>> ensure(int count) {
        return ensure("day", count);
    }

    /** Members {@code <prefix>-0001@day.kyoso.lg.jp} … with handles {@code <prefix>_0001} …. */
    public List<Map<String, Object>> ensure(String prefix, int count) {
        List<Map<String, Object>> members = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            String email = String.format("%s-%04d@day.kyoso.lg.jp", prefix, n);
            String handle = String.format("%s_%04d", prefix, n);
            join(email, handle, "勤務日 職員 " + n, TOWNS.get(n % TOWNS.size()));
            String token = signIn(email, PASSWORD);
            if (token != null) {
                Map<String, Object> member = new HashMap<>();
                member.put("email", email);
                member.put("handle", handle);
                member.put("token", token);
                members.add(member);
            }
        }
        return members;
    }

    /** The moderator's access token, or null if the admin exists with a password this run does not know. */
    public String moderator() {
        join(ADMIN_EMAIL, "day_admin", "運営 担当", "デジタル庁");
        for (String password : ADMIN_PASSWORDS) {
            String token = signIn(ADMIN_EMAIL, password);
            if (token != null) {
                return token;
            }
        }
        return null;
    }

    /** At least {@code count} posts in the general channel, so that every reader finds threads to open. */
    public void ensureThreads(String token, int count) {
        HttpResponse<String> feed = send(HttpRequest.newBuilder(gateway.resolve("/api/posts?channel=general&limit="
                + count)).header("Authorization", "Bearer " + token).GET());
        int present = read(feed.body()).path("items").size();
        for (int n = present; n < count; n++) {
            send(post("/api/posts", Map.of("channel", "general", "kind", "QUESTION",
                    "title", "窓口業務のデジタル化、どこから始めましたか " + n,
                    "body", "住民票や児童手当の手続きをオンラインにしたいと考えています。最初の一歩を教えてください。",
                    "tags", List.of("窓口", "DX"))).header("Authorization", "Bearer " + token));
        }
    }

    private void join(String email, String handle, String displayName, String organization) {
        HttpResponse<String> registered = send(post("/api/auth/register", Map.of("email", email, "password", PASSWORD,
                "displayName", displayName, "handle", handle, "organization", organization)));
        if (registered.statusCode() != 202) {
            return; // 409: joined in an earlier run
        }
        String token = null;
        for (int attempt = 0; attempt < 50 && token == null; attempt++) {
            token = verificationToken(email);
            if (token == null) {
                pause(200);
            }
        }
        if (token != null) {
            send(post("/api/auth/verify", Map.of("token", token)));
        }
    }

    private String signIn(String email, String password) {
        HttpResponse<String> login = send(post("/api/auth/login", Map.of("email", email, "password", password)));
        if (login.statusCode() != 200) {
            return null;
        }
        return read(login.body()).path("accessToken").asText(null);
    }

    private String verificationToken(String email) {
        HttpResponse<String> mails = send(HttpRequest.newBuilder(mailApi.resolve("/api/messages?to="
                + URLEncoder.encode(email, StandardCharsets.UTF_8))).GET());
        Matcher token = MAIL_TOKEN.matcher(mails.body());
        return token.find() ? token.group(1) : null;
    }

    private HttpRequest.Builder post(String path, Map<String, Object> body) {
        try {
            return HttpRequest.newBuilder(gateway.resolve(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the platform did not answer " + request.build().uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // waiting for the verification mail to be captured, in set-up, not a test
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
