package dev.feedbackchat.admin;

import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The login page and the dashboard: totals, the charts of ratings per day and of reasons, the table per model,
 * and the table of rated answers with its filters. The filters are query parameters of a GET form, so a filtered view is a shareable URL;
 * with htmx the form and the page links swap just the results.
 */
@Controller
class AdminController {

	static final String DASHBOARD = "/admin";

	private static final int PAGE_SIZE = 20;

	private final RatedAnswers ratedAnswers;

	private final OidcSignIn oidc;

	private final MessageSource messages;

	AdminController(RatedAnswers ratedAnswers, OidcSignIn oidc, MessageSource messages) {
		this.ratedAnswers = ratedAnswers;
		this.oidc = oidc;
		this.messages = messages;
	}

	@GetMapping(AdminSecurityConfiguration.LOGIN_PAGE)
	String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
			@RequestParam(name = "oidc-error", required = false) String oidcError, Model model) {
		model.addAttribute("failed", error != null);
		model.addAttribute("oidcFailed", oidcError != null);
		model.addAttribute("providers", oidc.providers());
		model.addAttribute("loggedOut", logout != null);
		return "admin/login";
	}

	@GetMapping(DASHBOARD)
	ModelAndView dashboard(FilterParams filterParams, @RequestParam(required = false) String page, Principal admin,
			Locale locale) {
		return results("admin/dashboard", filterParams, page, locale).addObject("totals", ratedAnswers.totals())
			.addObject("ratingGroups", RatingChoice.GROUPS)
			.addObject("username", admin.getName());
	}

	/**
	 * Just the results, for the htmx-enhanced filter form and page links. The address bar gets the page's
	 * own link, without the form's empty fields.
	 */
	@HxRequest
	@GetMapping(DASHBOARD)
	ModelAndView dashboardResults(FilterParams filterParams, @RequestParam(required = false) String page,
			HtmxResponse htmx, Locale locale) {
		ModelAndView results = results("admin/dashboard :: results", filterParams, page, locale);
		if (results.getModel().get("results") instanceof ResultsPage shown) {
			htmx.setPushUrl(shown.self());
		}
		return results;
	}

	/**
	 * A filter that cannot be read gives 400 and its message where the results would be. Texts, numbers and dates in
	 * the request's locale.
	 */
	private ModelAndView results(String view, FilterParams params, String pageParam, Locale locale) {
		ModelAndView result = new ModelAndView(view).addObject("filterParams", params);
		RatingFilter filter;
		int page;
		try {
			filter = params.parse();
			page = FilterParams.page(pageParam);
		}
		catch (InvalidFilterException ex) {
			result.setStatus(HttpStatus.BAD_REQUEST);
			return result.addObject("error", messages.getMessage(ex, locale));
		}
		Localized texts = new Localized(messages, locale);
		Chart.Days days = Chart.range(filter, LocalDate.now(ZoneOffset.UTC));
		String range = texts.days(days.first(), days.last());
		ResultsPage results = ResultsPage.of(ratedAnswers.page(filter, page, PAGE_SIZE), ratedAnswers.count(filter), page,
				PAGE_SIZE, filter);
		return result
			.addObject("chart",
					Chart.of(days.first(), days.last(), ratedAnswers.perDay(days.first(), days.last()), messages, locale))
			.addObject("reasons", ReasonsChart.of(range, ratedAnswers.reasonCounts(days.first(), days.last()), messages,
					locale))
			.addObject("models", ratedAnswers.models(days.first(), days.last()))
			.addObject("modelsRange", range)
			.addObject("results", results)
			.addObject("resultsSummary", results.summary(texts))
			.addObject("resultsPosition", results.position(texts))
			.addObject("exports", new ExportLinks(filter.link(ExportController.CSV), filter.link(ExportController.JSONL),
					filter.link(ExportController.KTO), filter.link(ExportController.SFT), filter.link(ExportController.DPO),
					RatingFilter.ratedBetween(filter.from(), filter.to()).link(ExportController.BATTLES)));
	}

	/** The exports of the filtered rows; the arena battles take the days alone (votes have no rating). */
	record ExportLinks(String csv, String jsonl, String kto, String sft, String dpo, String battles) {
	}

}
