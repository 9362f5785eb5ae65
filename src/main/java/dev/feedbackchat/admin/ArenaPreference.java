package dev.feedbackchat.admin;

import java.util.List;
import java.util.Optional;

import dev.feedbackchat.admin.TrainingConversation.ChatMessage;
import dev.feedbackchat.admin.TrainingConversation.DpoExample;
import dev.feedbackchat.arena.Outcome;
import dev.feedbackchat.arena.VotedBattle;
import dev.feedbackchat.model.AnswerStatus;

/**
 * A decisive arena vote as a DPO pair, in the same form as the pairs of rated answers: the prompt alone (a
 * battle is one turn, whatever the export's {@code context}), the winner's answer chosen over the loser's. Ties
 * and "both are bad" say nothing about which is better; an answer that did not end complete or stopped by the
 * person is not one the model gave in full or one the person saw to its end; and a pair of identical texts
 * teaches nothing (as for rated answers).
 */
final class ArenaPreference {

	private ArenaPreference() {
	}

	static Optional<DpoExample> of(VotedBattle battle) {
		if (battle.outcome() != Outcome.A_WINS && battle.outcome() != Outcome.B_WINS) {
			return Optional.empty();
		}
		if (!finished(battle.statusA(), battle.answerA()) || !finished(battle.statusB(), battle.answerB())) {
			return Optional.empty();
		}
		boolean aWins = battle.outcome() == Outcome.A_WINS;
		String chosen = aWins ? battle.answerA() : battle.answerB();
		String rejected = aWins ? battle.answerB() : battle.answerA();
		if (chosen.equals(rejected)) {
			return Optional.empty();
		}
		return Optional.of(new DpoExample(List.of(new ChatMessage("user", battle.prompt())),
				ChatMessage.assistant(chosen), ChatMessage.assistant(rejected)));
	}

	/** Complete, or stopped by the person: the answers a rating accepts too ({@link AnswerStatus#rateable()}). */
	private static boolean finished(String status, String answer) {
		return answer != null
				&& (AnswerStatus.COMPLETE.id().equals(status) || AnswerStatus.STOPPED.id().equals(status));
	}

}
