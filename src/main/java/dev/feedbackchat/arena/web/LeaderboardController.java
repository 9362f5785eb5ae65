package dev.feedbackchat.arena.web;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import dev.feedbackchat.arena.ArenaLeaderboard;
import dev.feedbackchat.arena.Leaderboard;
import dev.feedbackchat.arena.Standing;
import dev.feedbackchat.arena.WinRates;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /arena/leaderboard}: only when {@code chat.arena.enabled=true} (otherwise there is no such page: 404).
 * Who may see it is {@link ArenaSecurityConfiguration}'s concern.
 */
@Controller
@ConditionalOnProperty(name = "chat.arena.enabled", havingValue = "true")
class LeaderboardController {

	static final String PATH = "/arena/leaderboard";

	private final ArenaLeaderboard leaderboard;

	LeaderboardController(ArenaLeaderboard leaderboard) {
		this.leaderboard = leaderboard;
	}

	@GetMapping(PATH)
	String leaderboard(Model model) {
		Leaderboard current = leaderboard.current();
		model.addAttribute("rows", current.standings().stream().map(Row::of).toList());
		model.addAttribute("matrix", Matrix.of(current.winRates()));
		model.addAttribute("votes", current.battles());
		model.addAttribute("resamples", current.resamples());
		return "arena/leaderboard";
	}

	/** One contender's line, numbers as shown: the rating rounded, the 95 % interval as distances from it. */
	record Row(int rank, String name, long rating, String interval, long battles, long wins, long losses, long ties) {

		static Row of(Standing standing) {
			long rating = Math.round(standing.rating());
			return new Row(standing.rank(), standing.contender(), rating, interval(standing), standing.battles(),
					standing.wins(), standing.losses(), standing.ties());
		}

		/** "-12 / +15": how far the interval reaches below and above the rating, in rating points. */
		static String interval(Standing standing) {
			long below = Math.round(standing.rating() - standing.lower());
			long above = Math.round(standing.upper() - standing.rating());
			return "-" + Math.max(0, below) + " / +" + Math.max(0, above);
		}
	}

	/** The win-rate matrix: the row contender's share of wins against the column one, "-" if they never met. */
	record Matrix(List<String> contenders, List<MatrixRow> rows) {

		static Matrix of(WinRates rates) {
			List<MatrixRow> rows = new ArrayList<>();
			for (String row : rates.contenders()) {
				List<String> cells = new ArrayList<>();
				for (String column : rates.contenders()) {
					cells.add(percent(rates.rate(row, column)));
				}
				rows.add(new MatrixRow(row, cells));
			}
			return new Matrix(rates.contenders(), rows);
		}

		static String percent(OptionalDouble rate) {
			return rate.isPresent() ? Math.round(rate.getAsDouble() * 100) + "%" : "-";
		}
	}

	record MatrixRow(String name, List<String> cells) {
	}
}
