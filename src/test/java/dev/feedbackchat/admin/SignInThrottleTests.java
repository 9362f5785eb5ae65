package dev.feedbackchat.admin;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.regex.Pattern;

import dev.feedbackchat.ChatWebTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import static dev.feedbackchat.admin.AdminSecurityTests.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Failed admin sign-ins, by the login form and by HTTP Basic (the metrics endpoint), are throttled per client
 * address and per user name, with the default settings: the fifth failure locks out for 1 s, each further one
 * for twice as long. Every test starts later than the last test's failures are remembered.
 */
@ChatWebTest
@Import(SignInThrottleTests.Clocks.class)
@ExtendWith(OutputCaptureExtension.class)
class SignInThrottleTests {

	static final int MAX_FAILURES = 5;

	@Autowired
	MockMvc mvc;

	@Autowired
	SettableClock clock;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void forgetEarlierTests() {
		clock.advance(Duration.ofDays(1));
	}

	/** The two ways to sign in, seen from the client. */
	enum Way {

		FORM {
			@Override
			ResultActions signIn(MockMvc mvc, String address, String user, String password) throws Exception {
				return mvc.perform(post("/admin/login").with(csrf())
					.param("username", user)
					.param("password", password)
					.with(request -> {
						request.setRemoteAddr(address);
						return request;
					}));
			}

			@Override
			void expectWrong(ResultActions result) throws Exception {
				result.andExpect(status().isFound()).andExpect(redirectedUrl("/admin/login?error")).andExpect(unauthenticated());
			}

			@Override
			void expectSignedIn(ResultActions result) throws Exception {
				result.andExpect(status().isFound()).andExpect(redirectedUrl("/admin")).andExpect(authenticated());
			}

			@Override
			String message(MvcResult refused) throws Exception {
				Document page = Jsoup.parse(refused.getResponse().getContentAsString());
				// The login page again, with its form (and CSRF token) to try again later.
				assertThat(page.select("form[method=post][action=/admin/login] input[name=_csrf]")).hasSize(1);
				return page.select(".alert").text();
			}
		},

		BASIC {
			@Override
			ResultActions signIn(MockMvc mvc, String address, String user, String password) throws Exception {
				String credentials = Base64.getEncoder()
					.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
				// Any path under /actuator but health needs the account; the web slice has no endpoint there.
				return mvc.perform(get("/actuator/prometheus").header("Authorization", "Basic " + credentials)
					.with(request -> {
						request.setRemoteAddr(address);
						return request;
					}));
			}

			@Override
			void expectWrong(ResultActions result) throws Exception {
				result.andExpect(status().isUnauthorized());
			}

			@Override
			void expectSignedIn(ResultActions result) throws Exception {
				result.andExpect(status().isNotFound());
			}

			@Override
			String message(MvcResult refused) throws Exception {
				assertThat(refused.getResponse().getContentType()).startsWith("text/plain");
				return refused.getResponse().getContentAsString();
			}
		};

		abstract ResultActions signIn(MockMvc mvc, String address, String user, String password) throws Exception;

		abstract void expectWrong(ResultActions result) throws Exception;

		abstract void expectSignedIn(ResultActions result) throws Exception;

		/** The refusal's message as the client sees it. */
		abstract String message(MvcResult refused) throws Exception;

		String tag() {
			return name().toLowerCase();
		}

	}

	void wrong(Way way, String address, String user) throws Exception {
		way.expectWrong(way.signIn(mvc, address, user, "not-the-password"));
	}

	void signedIn(Way way, String address, String user) throws Exception {
		way.expectSignedIn(way.signIn(mvc, address, user, PASSWORD));
	}

	/** Refused without the password being looked at (it is the right one), with 429 and Retry-After. */
	void throttled(Way way, String address, String user, long retryAfter) throws Exception {
		throttled(way, address, user, retryAfter,
				"Too many failed sign-ins. Try again in " + retryAfter + (retryAfter == 1 ? " second." : " seconds."));
	}

	void throttled(Way way, String address, String user, long retryAfter, String message) throws Exception {
		MvcResult refused = way.signIn(mvc, address, user, PASSWORD)
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", Long.toString(retryAfter)))
			.andExpect(unauthenticated())
			.andReturn();
		assertThat(way.message(refused)).isEqualTo(message);
	}

	@ParameterizedTest
	@EnumSource
	void afterMaxFailuresEvenTheRightPasswordIsRefusedUntilTheLockoutEnds(Way way) throws Exception {
		for (int i = 0; i < MAX_FAILURES; i++) {
			wrong(way, "10.0.0.1", "admin");
		}
		throttled(way, "10.0.0.1", "admin", 1);
		clock.advance(Duration.ofMillis(400));
		throttled(way, "10.0.0.1", "admin", 1);

		// Each further failure doubles the lockout: 2 s, then 4 s.
		clock.advance(Duration.ofMillis(600));
		wrong(way, "10.0.0.1", "admin");
		throttled(way, "10.0.0.1", "admin", 2);
		clock.advance(Duration.ofSeconds(2));
		wrong(way, "10.0.0.1", "admin");
		throttled(way, "10.0.0.1", "admin", 4);
		clock.advance(Duration.ofMillis(3500));
		throttled(way, "10.0.0.1", "admin", 1);

		clock.advance(Duration.ofMillis(500));
		signedIn(way, "10.0.0.1", "admin");
	}

	@ParameterizedTest
	@EnumSource
	void manyUserNamesFromOneAddressAreLockedOutByTheAddress(Way way) throws Exception {
		for (int i = 0; i < MAX_FAILURES; i++) {
			wrong(way, "10.0.0.2", "guess" + i);
		}
		throttled(way, "10.0.0.2", "admin", 1);
		throttled(way, "10.0.0.2", "guess" + MAX_FAILURES, 1);
		// Another client is not affected, and no user name has failed often enough to be locked out.
		signedIn(way, "10.0.0.3", "admin");
		wrong(way, "10.0.0.3", "guess0");
	}

	@ParameterizedTest
	@EnumSource
	void oneUserNameFromManyAddressesIsLockedOutByTheUserName(Way way) throws Exception {
		for (int i = 0; i < MAX_FAILURES; i++) {
			wrong(way, "10.0.1." + i, "admin");
		}
		throttled(way, "10.0.1.100", "admin", 1);
		// User names are case-insensitive, as the account is.
		throttled(way, "10.0.1.100", "ADMIN", 1);
		// Another user name, from the same address, is not affected.
		wrong(way, "10.0.1.100", "someone");
	}

	@ParameterizedTest
	@EnumSource
	void aSuccessForgetsTheFailuresOfItsAddressAndUserName(Way way) throws Exception {
		for (int i = 1; i < MAX_FAILURES; i++) {
			wrong(way, "10.0.0.4", "admin");
		}
		signedIn(way, "10.0.0.4", "admin");
		for (int i = 1; i < MAX_FAILURES; i++) {
			wrong(way, "10.0.0.4", "admin");
		}
		signedIn(way, "10.0.0.4", "admin");
	}

	@Test
	void failuresAreForgottenAfterFifteenMinutesWithoutOne() throws Exception {
		for (int i = 1; i < MAX_FAILURES; i++) {
			wrong(Way.FORM, "10.0.0.5", "admin");
		}
		clock.advance(Duration.ofMinutes(15));
		wrong(Way.FORM, "10.0.0.5", "admin");
		wrong(Way.FORM, "10.0.0.5", "admin");
	}

	@Test
	void theLockoutGrowsToFifteenMinutesAtMostAndCoversBothWaysToSignIn() throws Exception {
		wrong(Way.BASIC, "10.0.0.6", "admin");
		for (int i = 1; i < MAX_FAILURES + 9; i++) {
			clock.advance(Duration.ofMinutes(10));
			wrong(Way.BASIC, "10.0.0.6", "admin");
		}
		// 1 s doubled nine times; one doubling more would be over 15 minutes.
		throttled(Way.BASIC, "10.0.0.6", "admin", 512, "Too many failed sign-ins. Try again in 9 minutes.");
		clock.advance(Duration.ofSeconds(512));
		wrong(Way.BASIC, "10.0.0.6", "admin");
		throttled(Way.FORM, "10.0.0.6", "admin", 900, "Too many failed sign-ins. Try again in 15 minutes.");
	}

	@ParameterizedTest
	@EnumSource
	void eachFailureIsOneWarnLineWithoutThePasswordAndWithTheUserNameEscaped(Way way, CapturedOutput output)
			throws Exception {
		for (int i = 0; i < MAX_FAILURES; i++) {
			way.expectWrong(way.signIn(mvc, "10.0.0.7", "eve\r\nINFO forged " + way, "guess-" + i + "-" + way));
		}
		String log = output.getOut();
		assertThat(log).doesNotContain("guess-").doesNotContainPattern("(?m)^INFO forged");
		Pattern failure = Pattern.compile("WARN .* Failed admin sign-in via " + way.tag()
				+ " for user 'eve\\\\r\\\\nINFO forged " + way + "' from 10\\.0\\.0\\.7 \\((\\d) failures from this address, "
				+ "\\1 for this user name\\)\\R");
		assertThat(failure.matcher(log).results()).extracting(match -> match.group(1))
			.containsExactly("1", "2", "3", "4", "5");
		assertThat(log).containsPattern("WARN .* Admin sign-in locked for 1 s for address 10\\.0\\.0\\.7 after 5 failures")
			.containsPattern("WARN .* Admin sign-in locked for 1 s for user 'eve\\\\r\\\\nINFO forged " + way + "' after 5 failures");
	}

	@ParameterizedTest
	@EnumSource
	void failuresAndRefusalsAreCounted(Way way) throws Exception {
		double failures = count("chat.sign-in.failures", way);
		double throttled = count("chat.sign-in.throttled", way);
		for (int i = 0; i < MAX_FAILURES; i++) {
			wrong(way, "10.0.0.8", "admin");
		}
		throttled(way, "10.0.0.8", "admin", 1);
		throttled(way, "10.0.0.8", "admin", 1);
		assertThat(count("chat.sign-in.failures", way) - failures).isEqualTo(MAX_FAILURES);
		assertThat(count("chat.sign-in.throttled", way) - throttled).isEqualTo(2);
	}

	double count(String name, Way way) {
		Counter counter = meters.find(name).tag("via", way.tag()).counter();
		return counter == null ? 0 : counter.count();
	}

	@Nested
	class Units {

		@ParameterizedTest
		@CsvSource({ "1, PT0S", "4, PT0S", "5, PT1S", "6, PT2S", "14, PT8M32S", "15, PT15M", "1000, PT15M",
				"2147483647, PT15M" })
		void theLockoutDoublesUpToItsMaximum(int failures, Duration lockout) {
			SignInProperties defaults = new SignInProperties(5, Duration.ofSeconds(1), Duration.ofMinutes(15),
					Duration.ofMinutes(15), 10_000);
			assertThat(defaults.lockoutAfter(failures)).isEqualTo(lockout);
		}

		@Test
		void invalidSettingsStopTheStart() {
			assertThatIllegalArgumentException().isThrownBy(
					() -> new SignInProperties(0, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofMinutes(15), 1))
				.withMessageContaining("chat.admin.sign-in.max-failures");
			assertThatIllegalArgumentException().isThrownBy(
					() -> new SignInProperties(5, Duration.ZERO, Duration.ofMinutes(15), Duration.ofMinutes(15), 1))
				.withMessageContaining("chat.admin.sign-in.lockout");
			assertThatIllegalArgumentException().isThrownBy(
					() -> new SignInProperties(5, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofMinutes(5), 1))
				.withMessageContaining("chat.admin.sign-in.forget-after");
		}

		/** With chat.cluster.enabled the signed-in session, details included, is serialized to the database. */
		@Test
		void theDetailsOfASignInCanBeStoredWithItsSession() throws Exception {
			MockHttpServletRequest request = new MockHttpServletRequest();
			request.setRemoteAddr("10.0.0.9");
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
				out.writeObject(SignInDetails.Via.FORM.details(request));
			}
			try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
				SignInDetails details = (SignInDetails) in.readObject();
				assertThat(details.getRemoteAddress()).isEqualTo("10.0.0.9");
				assertThat(details.via()).isEqualTo(SignInDetails.Via.FORM);
			}
		}

		@Test
		void aUserNameIsLoggedOnOneLineAndCut() {
			assertThat(SignInThrottle.printable("a'b\\c\u0000\u202e\u2028é😀")).isEqualTo("a\\'b\\\\c\\u0000\\u202e\\u2028é😀");
			assertThat(SignInThrottle.printable("x".repeat(5000))).isEqualTo("x".repeat(100) + "...(5000 chars)");
		}

	}

	/** A clock the tests move forward (or back). */
	static final class SettableClock extends Clock {

		private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		@Primary
		SettableClock settableClock() {
			return new SettableClock();
		}

	}

}
