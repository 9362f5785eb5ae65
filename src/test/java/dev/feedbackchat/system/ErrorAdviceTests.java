package dev.feedbackchat.system;

import dev.feedbackchat.model.Refused;
import dev.feedbackchat.model.Refused.Reason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Controller;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The one advice and the refused-request page, with and without htmx. */
@WebMvcTest(ErrorAdviceTests.Refusing.class)
@Import({ ErrorAdviceTests.Refusing.class, SecurityConfiguration.class, DeniedController.class, Rejections.class,
		SimpleMeterRegistry.class })
class ErrorAdviceTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	SimpleMeterRegistry meters;

	@Controller
	static class Refusing {

		@GetMapping("/refuse")
		String refuse(@RequestParam Reason reason) {
			throw new Refused(reason, "Refused: " + reason);
		}

	}

	@ParameterizedTest
	@CsvSource({ "INVALID, 400", "TOO_LARGE, 413", "NOT_FOUND, 404", "CONFLICT, 409", "UNAVAILABLE, 503" })
	void refused(Reason reason, int status) throws Exception {
		Document page = page(get("/refuse").param("reason", reason.name()), status);
		assertThat(page.select("h1")).hasSize(1);
		assertThat(page.select(".alert").text()).isEqualTo("Refused: " + reason);

		Document message = htmx(get("/refuse").param("reason", reason.name()), status);
		assertThat(message.select(".alert").text()).isEqualTo("Refused: " + reason);
	}

	@Test
	void counted() throws Exception {
		page(get("/refuse").param("reason", "TOO_LARGE"), 413);
		assertThat(meters.counter("chat.rejected", "reason", "content-too-large").count()).isEqualTo(1);
	}

	@Test
	void malformed() throws Exception {
		assertThat(htmx(get("/refuse").param("reason", "NONSENSE"), 400).select(".alert").text())
			.isEqualTo("The request has a missing or invalid 'reason'.");
		assertThat(htmx(get("/refuse"), 400).select(".alert").text())
			.isEqualTo("The request has a missing or invalid 'reason'.");
	}

	/** Spring Security refuses a POST without a CSRF token by forwarding to the denied page (MockMvc stops there). */
	@Test
	void withoutCsrfToken() throws Exception {
		mvc.perform(post("/refuse").header("HX-Request", "true"))
			.andExpect(status().isForbidden())
			.andExpect(forwardedUrl(DeniedController.PATH));
		assertThat(htmx(post(DeniedController.PATH).with(csrf()), 403).select(".alert").text())
			.startsWith("This page has expired");
		assertThat(page(post(DeniedController.PATH).with(csrf()), 403).select("h1")).hasSize(1);
	}

	private Document page(MockHttpServletRequestBuilder request, int status) throws Exception {
		return parse(mvc.perform(request).andExpect(status().is(status)).andReturn());
	}

	private Document htmx(MockHttpServletRequestBuilder request, int status) throws Exception {
		return parse(mvc.perform(request.header("HX-Request", "true"))
			.andExpect(status().is(status))
			.andExpect(header().string("HX-Retarget", HxErrorRegion.TARGET))
			.andExpect(header().string("HX-Reswap", "innerHTML"))
			.andExpect(header().string("HX-Reselect", HxErrorRegion.MESSAGE))
			.andReturn());
	}

	private static Document parse(MvcResult result) throws Exception {
		return Jsoup.parse(result.getResponse().getContentAsString());
	}

}
