package jp.kyoso.posts;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Scheduling: finishing replies that a crash left pending (reply.PendingReplies). */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PostsApplication {
    public static void main(String[] args) {
        SpringApplication.run(PostsApplication.class, args);
    }
}
