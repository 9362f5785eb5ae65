package dev.feedbackchat.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.feedbackchat.arena.Outcome;
import dev.feedbackchat.arena.VotedBattle;

/**
 * One voted arena battle as a line of {@code /admin/export-battles.jsonl}, under the column names of Chatbot
 * Arena's released data (LMSYS), so that its tools read it as they are.
 *
 * @param winner  {@code model_a}, {@code model_b}, {@code tie} or {@code tie (bothbad)}
 * @param votedAt ISO 8601, UTC
 */
record BattleLine(String prompt, @JsonProperty("model_a") String modelA, @JsonProperty("model_b") String modelB,
		@JsonProperty("answer_a") String answerA, @JsonProperty("answer_b") String answerB, String winner,
		@JsonProperty("voted_at") String votedAt) {

	static BattleLine of(VotedBattle battle) {
		return new BattleLine(battle.prompt(), battle.contenderA(), battle.contenderB(), battle.answerA(),
				battle.answerB(), winner(battle.outcome()), battle.votedAt().toString());
	}

	static String winner(Outcome outcome) {
		return switch (outcome) {
			case A_WINS -> "model_a";
			case B_WINS -> "model_b";
			case TIE -> "tie";
			case BOTH_BAD -> "tie (bothbad)";
		};
	}

}
