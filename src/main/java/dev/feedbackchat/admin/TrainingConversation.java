package dev.feedbackchat.admin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.model.Sentiment;

/**
 * One conversation as stored, turned into training examples in TRL's conversational formats. A prompt continues
 * the answer in its {@code parent_id}; prompts stored before that column existed have none, and continue the
 * latest answer written before them (there were no regenerated answers then). The context of a prompt is that
 * chain of turns, as the model was sent it: a failed answer is left out, its prompt kept.
 */
final class TrainingConversation {

	/**
	 * A stored message.
	 *
	 * @param promptId  for an answer, the prompt it answers
	 * @param parentId  for a prompt, the answer it continues, or {@code null}
	 * @param sentiment for a rated answer, its rating's sentiment; {@code null} otherwise
	 * @param selected  a rated answer whose rating matches the export's filter
	 */
	record Message(UUID id, String role, String content, UUID promptId, UUID parentId, AnswerStatus status,
			Sentiment sentiment, List<String> reasons, String correction, boolean selected) {

		boolean isAnswer() {
			return "assistant".equals(role);
		}

		boolean rated() {
			return sentiment != null;
		}

		boolean corrected() {
			return correction != null && !correction.isBlank();
		}

	}

	/** A message of an example, as TRL's conversational formats have it. */
	record ChatMessage(String role, String content) {

		static List<ChatMessage> assistant(String content) {
			return List.of(new ChatMessage("assistant", content));
		}

	}

	/** TRL's conversational language-modeling type, for SFTTrainer. */
	record SftExample(List<ChatMessage> messages) {
	}

	/** TRL's conversational preference type with an explicit prompt, for DPOTrainer. */
	record DpoExample(List<ChatMessage> prompt, List<ChatMessage> chosen, List<ChatMessage> rejected) {
	}

	/** TRL's conversational unpaired preference type, for KTOTrainer, with the rating's reasons and correction. */
	record KtoExample(List<ChatMessage> prompt, List<ChatMessage> completion, boolean label, List<String> reasons,
			String correction) {
	}

	private final List<Message> messages;

	private final Map<UUID, Message> byId = new HashMap<>();

	/** For each prompt, the answer it continues. */
	private final Map<UUID, Message> parents = new HashMap<>();

	/** Oldest first. */
	TrainingConversation(List<Message> messages) {
		this.messages = List.copyOf(messages);
		this.messages.forEach(message -> byId.put(message.id(), message));
		Message latestAnswer = null;
		for (Message message : this.messages) {
			if (message.isAnswer()) {
				latestAnswer = message;
			}
			else {
				Message parent = message.parentId() != null ? byId.get(message.parentId()) : latestAnswer;
				if (parent != null && parent.isAnswer()) {
					parents.put(message.id(), parent);
				}
			}
		}
	}

	/**
	 * The prompt with at most {@code maxContext} messages before it: whole turns, oldest dropped first, so the list
	 * always starts with the user.
	 */
	List<ChatMessage> context(Message prompt, int maxContext) {
		Deque<List<ChatMessage>> turns = new ArrayDeque<>();
		Set<UUID> seen = new HashSet<>();
		int count = 0;
		for (Message answer = parents.get(prompt.id()); answer != null && seen.add(answer.id());) {
			Message earlier = byId.get(answer.promptId());
			if (earlier == null) {
				break;
			}
			List<ChatMessage> turn = answer.status().rateable()
					? List.of(user(earlier), new ChatMessage("assistant", answer.content())) : List.of(user(earlier));
			if (count + turn.size() > maxContext) {
				break;
			}
			turns.addFirst(turn);
			count += turn.size();
			answer = parents.get(earlier.id());
		}
		List<ChatMessage> context = new ArrayList<>(count + 1);
		turns.forEach(context::addAll);
		context.add(user(prompt));
		return context;
	}

	private static ChatMessage user(Message prompt) {
		return new ChatMessage("user", prompt.content());
	}

	/**
	 * One example per selected rated answer: the conversation up to its prompt, then the correction where there is
	 * one, else the answer if it was rated positive.
	 */
	void sft(int maxContext, Consumer<? super SftExample> examples) {
		for (Message answer : messages) {
			if (!answer.selected() || prompt(answer) == null) {
				continue;
			}
			String completion = answer.corrected() ? answer.correction()
					: answer.sentiment() == Sentiment.POSITIVE ? answer.content() : null;
			if (completion != null) {
				List<ChatMessage> example = new ArrayList<>(context(prompt(answer), maxContext));
				example.add(new ChatMessage("assistant", completion));
				examples.accept(new SftExample(example));
			}
		}
	}

	/**
	 * Preference pairs, per prompt: a selected answer's correction over the answer; and of the answers to one prompt,
	 * each positively rated one over each negatively rated one when either is selected. A pair of identical texts
	 * teaches nothing and is left out.
	 */
	void dpo(int maxContext, Consumer<? super DpoExample> examples) {
		for (Message prompt : messages) {
			if (prompt.isAnswer()) {
				continue;
			}
			List<Message> answers = messages.stream()
				.filter(message -> message.isAnswer() && message.rated() && prompt.id().equals(message.promptId()))
				.toList();
			if (answers.stream().noneMatch(Message::selected)) {
				continue;
			}
			List<ChatMessage> context = context(prompt, maxContext);
			for (Message answer : answers) {
				if (answer.selected() && answer.corrected() && !answer.correction().equals(answer.content())) {
					examples.accept(new DpoExample(context, ChatMessage.assistant(answer.correction()),
							ChatMessage.assistant(answer.content())));
				}
			}
			for (Message chosen : answers) {
				for (Message rejected : answers) {
					if (chosen.sentiment() == Sentiment.POSITIVE && rejected.sentiment() == Sentiment.NEGATIVE
							&& (chosen.selected() || rejected.selected()) && !chosen.content().equals(rejected.content())) {
						examples.accept(new DpoExample(context, ChatMessage.assistant(chosen.content()),
								ChatMessage.assistant(rejected.content())));
					}
				}
			}
		}
	}

	/** One example per selected rated answer, labelled by its sentiment (the filter leaves out neutral ones). */
	void kto(int maxContext, Consumer<? super KtoExample> examples) {
		for (Message answer : messages) {
			if (answer.selected() && answer.sentiment() != Sentiment.NEUTRAL && prompt(answer) != null) {
				examples.accept(new KtoExample(context(prompt(answer), maxContext), ChatMessage.assistant(answer.content()),
						answer.sentiment() == Sentiment.POSITIVE, answer.reasons(), answer.correction()));
			}
		}
	}

	private Message prompt(Message answer) {
		return answer.isAnswer() && answer.promptId() != null ? byId.get(answer.promptId()) : null;
	}

}
