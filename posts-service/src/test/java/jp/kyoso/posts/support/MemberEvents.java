package jp.kyoso.posts.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Puts records on kyoso.members.v1 as members-service does: key = member id, CloudEvents headers, JSON body. */
public final class MemberEvents implements AutoCloseable {
    public static final String TOPIC = "kyoso.members.v1";
    /** members-service's CloudEvents source, the only one posts-service believes on this topic. */
    public static final String SOURCE = "/kyoso/members-service";
    private final KafkaProducer<String, String> producer;

    public MemberEvents(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer = new KafkaProducer<>(properties);
    }

    /** Registered and activated, as a member who verified their email. */
    public void joined(TestMember member, String organization) {
        Map<String, Object> data = profile(member, member.displayName(), organization);
        send("MemberRegistered", member.id(), data);
        send("MemberActivated", member.id(), data);
    }

    /**
     * Registered with the organization's 全国地方公共団体コード, and activated (MemberActivated carries no code, as
     * members-service writes it).
     */
    public void joined(TestMember member, String organization, String organizationCode) {
        Map<String, Object> registered = profile(member, member.displayName(), organization);
        registered.put("organizationCode", organizationCode);
        send("MemberRegistered", member.id(), registered);
        send("MemberActivated", member.id(), profile(member, member.displayName(), organization));
    }

    /** Returns the event's CloudEvents id. */
    public String profileUpdated(TestMember member, String displayName, String organization) {
        return send("MemberProfileUpdated", member.id(), profile(member, displayName, organization));
    }

    /** As members-service writes it: the code is always there, null when the member has none (or cleared it). */
    public String profileUpdated(TestMember member, String displayName, String organization,
                                 String organizationCode) {
        Map<String, Object> data = profile(member, displayName, organization);
        data.put("organizationCode", organizationCode);
        return send("MemberProfileUpdated", member.id(), data);
    }

    public void deactivated(TestMember member) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("memberId", member.id());
        data.put("deactivatedAt", Instant.now().toString());
        send("MemberDeactivated", member.id(), data);
    }

    private static Map<String, Object> profile(TestMember member, String displayName, String organization) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("memberId", member.id());
        data.put("handle", member.handle());
        data.put("displayName", displayName);
        data.put("organization", organization);
        data.put("email", member.handle() + "@city.example.lg.jp");
        return data;
    }

    /** Sends one event and returns its CloudEvents id. */
    public String send(String name, String key, Map<String, Object> data) {
        return sendRaw(key, "kyoso.members." + name + ".v1", Api.JSON.writeValueAsString(data),
                UUID.randomUUID().toString());
    }

    public String sendRaw(String key, String type, String value, String eventId) {
        return sendRaw(key, type, value, eventId, SOURCE);
    }

    /** As {@link #send}, claiming another CloudEvents source: a forgery unless it is members-service's. */
    public String sendAs(String source, String name, String key, Map<String, Object> data) {
        return sendRaw(key, "kyoso.members." + name + ".v1", Api.JSON.writeValueAsString(data),
                UUID.randomUUID().toString(), source);
    }

    private String sendRaw(String key, String type, String value, String eventId, String source) {
        ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, key, value);
        if (eventId != null) {
            record.headers().add("ce_id", eventId.getBytes(StandardCharsets.UTF_8));
        }
        record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8))
                .add("ce_source", source.getBytes(StandardCharsets.UTF_8))
                .add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                .add("ce_subject", key.getBytes(StandardCharsets.UTF_8))
                .add("ce_time", Instant.now().toString().getBytes(StandardCharsets.UTF_8))
                .add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send a member event", e);
        }
        return eventId;
    }

    @Override
    public void close() {
        producer.close();
    }
}
