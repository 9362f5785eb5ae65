package dev.feedbackchat.privacy;

import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.feedbackchat.model.ConversationDeleted;
import dev.feedbackchat.store.ChatRecord;
import dev.feedbackchat.store.DeletedConversations;
import dev.feedbackchat.store.RecordedConversation;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes a conversation from the record on request of its user or of an admin: its feedback, messages and the
 * conversation, then {@link ConversationDeleted} and an audit entry, all in one transaction, so that a listener
 * writing in that transaction (the webhooks' outbox) is kept exactly when the deletion is.
 */
@Service
public class Deletions {

	/** Who deleted it, as {@link ConversationDeleted#by()} says. */
	public static final String BY_USER = "user";

	public static final String BY_ADMIN = "admin";

	public static final String BY_RETENTION = "retention";

	private final ChatRecord record;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	Deletions(ChatRecord record, AuditLog audit, ApplicationEventPublisher events, PlatformTransactionManager transactions,
			ObjectProvider<Clock> clock) {
		this.record = record;
		this.audit = audit;
		this.events = events;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/**
	 * The user's own conversation, from the chat. The audit entry names no one: the chat has no accounts, and the
	 * client's address is personal data kept nowhere else.
	 *
	 * @return what was deleted; empty when the record holds nothing of it (nothing was saved yet)
	 */
	public Optional<DeletedConversations> byUser(UUID conversationId) {
		return delete(conversationId, BY_USER, null, null);
	}

	/** A conversation the admin chose on the dashboard; empty when the record holds none with this id. */
	public Optional<DeletedConversations> byAdmin(UUID conversationId, Principal admin) {
		return delete(conversationId, BY_ADMIN, admin == null ? null : admin.getName(), AuditLog.clientAddress());
	}

	/** What the record holds of a conversation: what deleting it would remove. */
	public Optional<RecordedConversation> recorded(UUID conversationId) {
		return record.conversation(conversationId);
	}

	private Optional<DeletedConversations> delete(UUID id, String by, String actor, String address) {
		return transaction.execute(status -> {
			DeletedConversations deleted = record.deleteConversations(List.of(id));
			if (deleted.conversations() == 0) {
				return Optional.empty();
			}
			events.publishEvent(new ConversationDeleted(id, by, clock.instant()));
			audit.record(AuditLog.DELETE, actor == null ? by : actor, address,
					"conversation %s by %s: %s".formatted(id, by, deleted));
			return Optional.of(deleted);
		});
	}

}
