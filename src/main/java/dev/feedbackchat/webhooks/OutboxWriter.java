package dev.feedbackchat.webhooks;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.feedbackchat.arena.ArenaRecord;
import dev.feedbackchat.arena.BattleState;
import dev.feedbackchat.arena.Outcome;
import dev.feedbackchat.arena.VoteStored;
import dev.feedbackchat.model.ConversationDeleted;
import dev.feedbackchat.store.ChatRecord;
import dev.feedbackchat.store.DetailsStored;
import dev.feedbackchat.store.RatedTurn;
import dev.feedbackchat.store.RatingStored;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns what happened into outbox rows, one per subscribed endpoint, in the publisher's transaction: the
 * listeners run synchronously inside it, so a rating and its event are committed together or not at all. The
 * body is fixed here, as it is when the change happens; every attempt sends the same bytes and webhook-id.
 */
@Component
class OutboxWriter {

	private final WebhookProperties properties;

	private final Outbox outbox;

	private final ChatRecord chatRecord;

	private final ArenaRecord arenaRecord;

	private final JsonMapper json = JsonMapper.builder().build();

	OutboxWriter(WebhookProperties properties, Outbox outbox, ChatRecord chatRecord, ArenaRecord arenaRecord) {
		this.properties = properties;
		this.outbox = outbox;
		this.chatRecord = chatRecord;
		this.arenaRecord = arenaRecord;
	}

	@EventListener
	void on(RatingStored stored) {
		if (subscribed(EventType.RATING)) {
			chatRecord.ratedTurn(stored.answerId()).ifPresent(turn -> write(EventType.RATING, feedback(turn)));
		}
	}

	/**
	 * A correction makes a {@code correction} event; a comment, or reasons sent alone, a {@code comment} event.
	 * Each carries all the details (reasons, comment, correction), so a receiver of one type misses nothing.
	 */
	@EventListener
	void on(DetailsStored stored) {
		boolean comment = stored.comment() || !stored.correction();
		if (!(comment && subscribed(EventType.COMMENT) || stored.correction() && subscribed(EventType.CORRECTION))) {
			return;
		}
		chatRecord.ratedTurn(stored.answerId()).ifPresent(turn -> {
			if (comment) {
				write(EventType.COMMENT, feedback(turn));
			}
			if (stored.correction()) {
				write(EventType.CORRECTION, feedback(turn));
			}
		});
	}

	@EventListener
	void on(VoteStored stored) {
		if (subscribed(EventType.VOTE)) {
			arenaRecord.battle(stored.battleId()).ifPresent(battle -> write(EventType.VOTE, vote(battle)));
		}
	}

	@EventListener
	void on(ConversationDeleted deleted) {
		if (subscribed(EventType.CONVERSATION_DELETED)) {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("conversation_id", deleted.conversationId().toString());
			data.put("by", deleted.by());
			data.put("deleted_at", time(deleted.at()));
			write(EventType.CONVERSATION_DELETED, data);
		}
	}

	private boolean subscribed(EventType type) {
		return !properties.subscribedTo(type).isEmpty();
	}

	private void write(EventType type, Map<String, Object> data) {
		String eventId = "msg_" + UUID.randomUUID().toString().replace("-", "");
		Instant now = Instant.now();
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("type", type.id());
		event.put("id", eventId);
		event.put("timestamp", time(now));
		event.put("data", data);
		byte[] body = json.writeValueAsBytes(event);
		for (WebhookProperties.Endpoint endpoint : properties.subscribedTo(type)) {
			outbox.add(eventId, type, endpoint.url().toString(), body, now);
		}
	}

	private static Map<String, Object> feedback(RatedTurn turn) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("conversation_id", string(turn.conversationId()));
		data.put("prompt_id", string(turn.promptId()));
		data.put("answer_id", string(turn.answerId()));
		data.put("prompt", turn.prompt());
		data.put("answer", turn.answer());
		data.put("responder", turn.responder());
		data.put("model", turn.model());
		data.put("scale", turn.scale().id());
		data.put("rating", turn.rating());
		data.put("label", turn.scale().label(turn.rating()));
		data.put("sentiment", turn.scale().sentiment(turn.rating()).id());
		data.put("reasons", List.copyOf(turn.reasons()));
		data.put("comment", turn.comment());
		data.put("correction", turn.correction());
		data.put("prompted_at", time(turn.promptedAt()));
		data.put("answered_at", time(turn.answeredAt()));
		data.put("rated_at", time(turn.ratedAt()));
		data.put("rating_changed_at", time(turn.changedAt()));
		return data;
	}

	private static Map<String, Object> vote(BattleState battle) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("battle_id", battle.id().toString());
		data.put("prompt", battle.prompt());
		data.put("contender_a", battle.contenderA());
		data.put("contender_b", battle.contenderB());
		data.put("answer_a", battle.a().text());
		data.put("answer_b", battle.b().text());
		data.put("outcome", battle.vote() == null ? null : battle.vote().id());
		data.put("winner", battle.vote() == Outcome.A_WINS ? battle.contenderA()
				: battle.vote() == Outcome.B_WINS ? battle.contenderB() : null);
		data.put("voted_at", time(battle.votedAt()));
		return data;
	}

	private static String string(UUID id) {
		return id == null ? null : id.toString();
	}

	private static String time(Instant at) {
		return at == null ? null : at.toString();
	}

}
