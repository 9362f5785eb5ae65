package dev.feedbackchat;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.feedbackchat.admin.AdminProperties;
import dev.feedbackchat.admin.AdminSecurityConfiguration;
import dev.feedbackchat.admin.RatedAnswers;
import dev.feedbackchat.arena.ArenaRecord;
import dev.feedbackchat.conversation.ChatProperties;
import dev.feedbackchat.conversation.Turns;
import dev.feedbackchat.feedback.Ratings;
import dev.feedbackchat.chat.MarkdownRenderer;
import dev.feedbackchat.chat.MessageViews;
import dev.feedbackchat.chat.Pages;
import dev.feedbackchat.cluster.Cluster;
import dev.feedbackchat.cluster.ClusterConfiguration;
import dev.feedbackchat.cluster.RecordFollower;
import dev.feedbackchat.cluster.ClusterProperties;
import dev.feedbackchat.cluster.Instances;
import dev.feedbackchat.feedback.FeedbackPolicy;
import dev.feedbackchat.feedback.FeedbackProperties;
import dev.feedbackchat.limits.ClientLimits;
import dev.feedbackchat.limits.RateLimitProperties;
import dev.feedbackchat.privacy.AuditLog;
import dev.feedbackchat.privacy.Deletions;
import dev.feedbackchat.redaction.Redactor;
import dev.feedbackchat.store.ChatRecord;
import dev.feedbackchat.stream.LiveAnswers;
import dev.feedbackchat.stream.StreamProperties;
import dev.feedbackchat.webhooks.Outbox;
import dev.feedbackchat.system.RateLimitConfiguration;
import dev.feedbackchat.system.Rejections;
import dev.feedbackchat.system.SecurityConfiguration;
import dev.feedbackchat.trace.Traces;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureJdbc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;

/**
 * A web slice with the real conversation, stream, feedback, store, admin and arena record components (on an
 * in-memory H2 database) and the real security, but a
 * {@link ManualResponder} so each test decides when an answer is complete, and {@link MockStreams} so that
 * MockMvc serves answer streams.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest
@AutoConfigureJdbc
@ImportAutoConfiguration(FlywayAutoConfiguration.class)
@EnableConfigurationProperties({ ChatProperties.class, StreamProperties.class, FeedbackProperties.class,
		AdminProperties.class, ClusterProperties.class, RateLimitProperties.class })
@Import({ Turns.class, Ratings.class, MessageViews.class, Pages.class, Cluster.class, Instances.class, RecordFollower.class, ClusterConfiguration.class, MarkdownRenderer.class, ChatRecord.class, LiveAnswers.class, FeedbackPolicy.class, SecurityConfiguration.class,
		AdminSecurityConfiguration.class, RatedAnswers.class, ArenaRecord.class, SynchronousFinishing.class, ManualResponder.class,
		MockChat.class, MockStreams.class, Traces.class, AuditLog.class, Deletions.class,
		Rejections.class, SimpleMeterRegistry.class, ClientLimits.class, RateLimitConfiguration.class, Outbox.class,
		Redactor.class })
public @interface ChatWebTest {

}
