package dev.feedbackchat.arena;

import java.util.Locale;

/** Renders what the page swaps in when an answer of a battle has finished; may run off any request. */
public interface BattleViews {

	/**
	 * The finished answer of {@code side} with its texts in {@code locale}'s language; once both have finished, also
	 * the vote (out of band). Names no contender unless the battle has a vote.
	 */
	String closing(BattleState battle, Side side, Locale locale);

}
