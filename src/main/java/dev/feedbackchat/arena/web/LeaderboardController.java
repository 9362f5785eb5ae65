package dev.feedbackchat.arena.web;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * Who may see it is {@link ArenaSecurityConfiguration}'s concern. Numbers are formatted in the request's locale
 * (German "1.234", "67 %").
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
	String leaderboard(Model model, Locale locale) {
		Leaderboard current = leaderboard.current();
		model.addAttribute("rows", current.standings().stream().map(standing -> Row.of(standing, locale)).toList());
		model.addAttribute("matrix", Matrix.of(current.winRates(), locale));
		model.addAttribute("votes", count(current.battles(), locale));
		model.addAttribute("resamples", count(current.resamples(), locale));
		return "arena/leaderboard";
	}

	/** A count with the locale's grouping: "1,234", German "1.234". */
	static String count(long value, Locale locale) {
		return NumberFormat.getIntegerInstance(locale).format(value);
	}

	/**
	 * One contender's line, numbers as shown: the rating rounded (without grouping, a score like 1012 reads as
	 * one), the 95 % interval as distances from it.
	 */
	record Row(int rank, String name, String rating, String interval, String battles, String wins, String losses,
			String ties) {

		static Row of(Standing standing, Locale locale) {
			NumberFormat points = NumberFormat.getIntegerInstance(locale);
			points.setGroupingUsed(false);
			return new Row(standing.rank(), standing.contender(), points.format(Math.round(standing.rating())),
					interval(standing, points), count(standing.battles(), locale), count(standing.wins(), locale),
					count(standing.losses(), locale), count(standing.ties(), locale));
		}

		/** "-12 / +15": how far the interval reaches below and above the rating, in rating points. */
		static String interval(Standing standing, NumberFormat points) {
			long below = Math.round(standing.rating() - standing.lower());
			long above = Math.round(standing.upper() - standing.rating());
			return "-" + points.format(Math.max(0, below)) + " / +" + points.format(Math.max(0, above));
		}
	}

	/** The win-rate matrix: the row contender's share of wins against the column one, "-" if they never met. */
	record Matrix(List<String> contenders, List<MatrixRow> rows) {

		static Matrix of(WinRates rates, Locale locale) {
			List<MatrixRow> rows = new ArrayList<>();
			for (String row : rates.contenders()) {
				List<String> cells = new ArrayList<>();
				for (String column : rates.contenders()) {
					cells.add(percent(rates.rate(row, column), locale));
				}
				rows.add(new MatrixRow(row, cells));
			}
			return new Matrix(rates.contenders(), rows);
		}

		/** "67%", German "67 %"; rounded half up first, so the format (half even) only places the sign. */
		static String percent(OptionalDouble rate, Locale locale) {
			return rate.isPresent()
					? NumberFormat.getPercentInstance(locale).format(Math.round(rate.getAsDouble() * 100) / 100.0) : "-";
		}
	}

	record MatrixRow(String name, List<String> cells) {
	}
}
