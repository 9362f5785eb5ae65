package dev.feedbackchat.cluster;

import java.util.UUID;

import dev.feedbackchat.responder.Responder.Generation;
import dev.feedbackchat.responder.TokenSink;
import dev.feedbackchat.stream.OtherInstances;

import org.springframework.stereotype.Component;

/** The other instances as the stream side sees them, from the heartbeats and the record. */
@Component
public class Cluster implements OtherInstances {

	private final Instances instances;

	private final RecordFollower follower;

	Cluster(Instances instances, RecordFollower follower) {
		this.instances = instances;
		this.follower = follower;
	}

	@Override
	public String self() {
		return instances.id();
	}

	@Override
	public boolean enabled() {
		return instances.clustered();
	}

	@Override
	public Generation follow(UUID answerId, String instance, TokenSink sink) {
		return follower.follow(answerId, instance, sink);
	}

}
