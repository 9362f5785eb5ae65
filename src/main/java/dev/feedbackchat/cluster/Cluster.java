package dev.feedbackchat.cluster;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import dev.feedbackchat.responder.Responder.Generation;
import dev.feedbackchat.responder.TokenSink;
import dev.feedbackchat.stream.AnswerProgress;
import dev.feedbackchat.stream.OtherInstances;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.session.web.http.CookieHttpSessionIdResolver;

import org.springframework.stereotype.Component;

/** The other instances as the stream side sees them, from the heartbeats and the record. */
@Component
public class Cluster implements OtherInstances {

	private final Instances instances;

	private final RecordFollower follower;

	/** Spring Session's default: the SESSION cookie, base64-encoded. */
	private final CookieHttpSessionIdResolver cookies = new CookieHttpSessionIdResolver();

	Cluster(Instances instances, RecordFollower follower) {
		this.instances = instances;
		this.follower = follower;
	}

	@Override
	public String self() {
		return instances.id();
	}

	/**
	 * With Spring Session the request's own getRequestedSessionId() reads the session from the store to check
	 * it; the cookie alone is what is asked for (checked by comparing it with an answer's owner).
	 */
	@Override
	public String requestedSessionId(HttpServletRequest request) {
		if (!instances.clustered()) {
			return request.getRequestedSessionId();
		}
		List<String> ids = cookies.resolveSessionIds(request);
		return ids.isEmpty() ? null : ids.get(0);
	}

	@Override
	public boolean enabled() {
		return instances.clustered();
	}

	@Override
	public Generation follow(UUID answerId, String instance, TokenSink sink) {
		return follower.follow(answerId, instance, sink);
	}

	@Override
	public Generation follow(String instance, TokenSink sink, Supplier<Optional<AnswerProgress>> ended) {
		return follower.follow(instance, sink, ended);
	}

}
