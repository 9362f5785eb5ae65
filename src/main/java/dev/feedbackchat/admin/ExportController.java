package dev.feedbackchat.admin;

import java.io.BufferedWriter;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.feedbackchat.admin.TrainingConversation.DpoExample;
import dev.feedbackchat.arena.ArenaRecord;
import dev.feedbackchat.arena.VotedBattle;
import dev.feedbackchat.model.Sentiment;
import dev.feedbackchat.privacy.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The rated answers as files, with the dashboard's filters, and the arena's voted battles. Each is streamed: rows
 * go from the database cursor to the response as they are read, so an export of any size needs the same little
 * memory. The
 * training-data exports (SFT, DPO, KTO with a context) read whole conversations the same way, holding one at a
 * time: an example needs the turns before its prompt and the other answers to it. Arena battles are read the
 * same way, one at a time.
 */
@Controller
@EnableConfigurationProperties(ExportProperties.class)
class ExportController {

	static final String CSV = "/admin/export.csv";

	static final String JSONL = "/admin/export.jsonl";

	static final String KTO = "/admin/export-kto.jsonl";

	static final String SFT = "/admin/export-sft.jsonl";

	static final String DPO = "/admin/export-dpo.jsonl";

	static final String BATTLES = "/admin/export-battles.jsonl";

	private static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	/**
	 * The fields of the CSV and JSONL exports, in order. Ids, times and the stored forms of scale, status and
	 * sentiment as text, the rating as a number.
	 */
	private static final List<Column> COLUMNS = List.of(
			new Column("conversation_id", row -> row.conversationId().toString()),
			new Column("prompt_id", row -> row.promptId().toString()), new Column("prompt", RatedAnswer::prompt),
			new Column("answer_id", row -> row.answerId().toString()), new Column("answer", RatedAnswer::answer),
			new Column("responder", RatedAnswer::responder), new Column("model", RatedAnswer::model),
			new Column("first_token_ms", RatedAnswer::firstTokenMillis), new Column("status", row -> row.status().id()),
			new Column("scale", row -> row.scale().id()),
			new Column("rating", RatedAnswer::rating), new Column("rating_label", RatedAnswer::ratingLabel),
			new Column("sentiment", row -> row.sentiment().id()), new Column("comment", RatedAnswer::comment),
			new Column("reasons", RatedAnswer::reasons), new Column("correction", RatedAnswer::correction),
			new Column("answered_at", row -> row.answeredAt().toInstant().toString()),
			new Column("rated_at", row -> row.ratedAt().toInstant().toString()));

	private static final CSVFormat CSV_FORMAT = CSVFormat.RFC4180.builder()
		.setHeader(COLUMNS.stream().map(Column::name).toArray(String[]::new))
		.get();

	/** First characters that make a spreadsheet read a cell as a formula. */
	private static final String FORMULA_STARTS = "=+-@\t\r";

	private final RatedAnswers ratedAnswers;

	private final ArenaRecord arena;

	private final ObjectWriter json;

	private final ExportProperties properties;

	private final AuditLog audit;

	ExportController(RatedAnswers ratedAnswers, ArenaRecord arena, JsonMapper mapper, ExportProperties properties,
			AuditLog audit) {
		this.audit = audit;
		this.ratedAnswers = ratedAnswers;
		this.arena = arena;
		this.json = mapper.writer();
		this.properties = properties;
	}

	private record Column(String name, Function<RatedAnswer, Object> value) {
	}

	/**
	 * One example of TRL's KTOTrainer in its standard form (unpaired preference): the label says whether the answer
	 * is desirable; reasons and correction come along for filtering.
	 */
	record KtoExample(String prompt, String completion, boolean label, List<String> reasons, String correction) {
	}

	@GetMapping(CSV)
	ResponseEntity<StreamingResponseBody> csv(FilterParams params, Principal admin) {
		RatingFilter filter = params.parse();
		return attachment("feedback", "csv", TEXT_CSV, audited(filter.link(CSV), admin), writer -> {
			CSVPrinter csv = new CSVPrinter(writer, CSV_FORMAT);
			write(filter, row -> {
				csv.printRecord(COLUMNS.stream().map(column -> inert(cell(column.value().apply(row)))));
				writer.row();
			});
		});
	}

	@GetMapping(JSONL)
	ResponseEntity<StreamingResponseBody> jsonl(FilterParams params, Principal admin) {
		RatingFilter filter = params.parse();
		return attachment("feedback", "jsonl", MediaType.APPLICATION_NDJSON, audited(filter.link(JSONL), admin),
				writer -> write(filter, row -> {
			Map<String, Object> fields = new LinkedHashMap<>();
			COLUMNS.forEach(column -> fields.put(column.name(), column.value().apply(row)));
			writeLine(writer, fields);
		}));
	}

	/**
	 * Neutral ratings are left out: a KTO label is only desirable (positive) or undesirable (negative). Without
	 * {@code context}, the standard form, newest rating first; with it, the conversational form.
	 */
	@GetMapping(KTO)
	ResponseEntity<StreamingResponseBody> kto(FilterParams params, @RequestParam(required = false) String context,
			Principal admin) {
		RatingFilter filter = params.parse().excludingNeutral();
		ExportContext scope = ExportContext.parse(context);
		Audited audited = audited(withContext(filter.link(KTO), context), admin);
		if (scope != null) {
			return attachment("feedback-kto", "jsonl", MediaType.APPLICATION_NDJSON, audited, writer -> writeConversations(
					filter, conversation -> conversation.kto(scope.maxMessages(properties), lines(writer))));
		}
		return attachment("feedback-kto", "jsonl", MediaType.APPLICATION_NDJSON, audited, writer -> write(filter,
				row -> writeLine(writer, new KtoExample(row.prompt(), row.answer(), row.sentiment() == Sentiment.POSITIVE,
						row.reasons(), row.correction()))));
	}

	/** TRL's conversational SFT format; {@code context} defaults to the conversation. */
	@GetMapping(SFT)
	ResponseEntity<StreamingResponseBody> sft(FilterParams params, @RequestParam(required = false) String context,
			Principal admin) {
		RatingFilter filter = params.parse();
		int maxContext = contextOrConversation(context).maxMessages(properties);
		return attachment("feedback-sft", "jsonl", MediaType.APPLICATION_NDJSON,
				audited(withContext(filter.link(SFT), context), admin), writer -> writeConversations(filter,
						conversation -> conversation.sft(maxContext, lines(writer))));
	}

	/**
	 * TRL's conversational preference format with an explicit prompt; {@code context} defaults to the
	 * conversation. The pairs of rated answers, then those of decisive arena votes ({@link ArenaPreference}),
	 * oldest vote first, when the filter lets votes pass ({@link RatingFilter#passesVotes()}).
	 */
	@GetMapping(DPO)
	ResponseEntity<StreamingResponseBody> dpo(FilterParams params, @RequestParam(required = false) String context,
			Principal admin) {
		RatingFilter filter = params.parse();
		int maxContext = contextOrConversation(context).maxMessages(properties);
		return attachment("feedback-dpo", "jsonl", MediaType.APPLICATION_NDJSON,
				audited(withContext(filter.link(DPO), context), admin), writer -> {
			writeConversations(filter, conversation -> conversation.dpo(maxContext, lines(writer)));
			if (filter.passesVotes()) {
				writeBattles(filter, battle -> {
					Optional<DpoExample> pair = ArenaPreference.of(battle);
					if (pair.isPresent()) {
						writeLine(writer, pair.get());
					}
				});
			}
		});
	}

	/**
	 * Every voted arena battle, oldest vote first, as Chatbot Arena's released data has them ({@link BattleLine}).
	 * Filtered by the days voted only ({@link FilterParams#parseDays()}).
	 */
	@GetMapping(BATTLES)
	ResponseEntity<StreamingResponseBody> battles(FilterParams params, Principal admin) {
		RatingFilter filter = params.parseDays();
		return attachment("arena-battles", "jsonl", MediaType.APPLICATION_NDJSON, audited(filter.link(BATTLES), admin),
				writer -> writeBattles(filter, battle -> writeLine(writer, BattleLine.of(battle))));
	}

	private static ExportContext contextOrConversation(String context) {
		ExportContext scope = ExportContext.parse(context);
		return scope != null ? scope : ExportContext.CONVERSATION;
	}

	/** A list in one CSV cell: reasons never hold "; " (they are labels of the configuration). */
	private static Object cell(Object value) {
		return value instanceof List<?> list ? String.join("; ", list.stream().map(String::valueOf).toList()) : value;
	}

	/**
	 * A CSV cell that a spreadsheet will not take for a formula (OWASP, "CSV Injection"): text that starts with
	 * = + - @, a tab or a carriage return gets a leading single quote. Only prompts, answers and comments can start
	 * so, but every text cell is checked: one character per cell. JSON keeps the exact text.
	 */
	static Object inert(Object cell) {
		return cell instanceof String text && !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0
				? "'" + text : cell;
	}

	/** Writes each value as a JSON line, for callbacks that cannot throw IOException. */
	private Consumer<Object> lines(ExportWriter writer) {
		return value -> {
			try {
				writeLine(writer, value);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		};
	}

	private void writeLine(ExportWriter writer, Object value) throws IOException {
		writer.write(json.writeValueAsString(value));
		writer.write('\n');
		writer.row();
	}

	/** Writes each row as the database hands it over. */
	private void write(RatingFilter filter, RowWriter rowWriter) throws IOException {
		try {
			ratedAnswers.forEach(filter, row -> {
				try {
					rowWriter.write(row);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	/** Hands each conversation over as the database reads it. */
	private void writeConversations(RatingFilter filter, ConversationWriter conversationWriter) throws IOException {
		try {
			ratedAnswers.forEachConversation(filter, conversation -> {
				try {
					conversationWriter.write(conversation);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	/** Hands each voted battle in the filter's days over as the database reads it. */
	private void writeBattles(RatingFilter filter, BattleWriter battleWriter) throws IOException {
		try {
			arena.forEachVoted(filter.start(), filter.until(), battle -> {
				try {
					battleWriter.write(battle);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	private interface BattleWriter {

		void write(VotedBattle battle) throws IOException;

	}

	private interface ConversationWriter {

		void write(TrainingConversation conversation) throws IOException;

	}

	private interface RowWriter {

		void write(RatedAnswer row) throws IOException;

	}

	private interface BodyWriter {

		void write(ExportWriter writer) throws IOException;

	}

	/** The response's writer, counting the rows (records, lines) written for the audit log. */
	private static final class ExportWriter extends FilterWriter {

		private long rows;

		ExportWriter(Writer out) {
			super(out);
		}

		void row() {
			rows++;
		}

		long rows() {
			return rows;
		}

	}

	/**
	 * What the audit log says of an export, taken on the request's thread (the body is written on another).
	 *
	 * @param export the export and its filter: its path and the parameters that were set
	 */
	private record Audited(String export, String admin, String address) {
	}

	private static Audited audited(String export, Principal admin) {
		HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
			.getRequest();
		return new Audited(export, admin == null ? null : admin.getName(), request.getRemoteAddr());
	}

	/** The export's link with its {@code context}, when one was given (it was checked). */
	private static String withContext(String link, String context) {
		return context == null ? link : link + (link.contains("?") ? "&" : "?") + "context=" + context.strip();
	}

	/** An export in the audit log, once its body is written (or cut off), with the rows written. */
	private void record(Audited audited, long rows, boolean complete) {
		audit.record(AuditLog.EXPORT, audited.admin(), audited.address(), "%s: %d row(s)%s".formatted(audited.export(),
				rows, complete ? "" : ", then cut off"));
	}

	/** A download named after its content and today's date (UTC), e.g. feedback-2026-01-31.csv. */
	private ResponseEntity<StreamingResponseBody> attachment(String name, String extension, MediaType type,
			Audited audited, BodyWriter body) {
		String filename = "%s-%s.%s".formatted(name, LocalDate.now(ZoneOffset.UTC), extension);
		return ResponseEntity.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
			.body(out -> {
				ExportWriter writer = new ExportWriter(
						new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024));
				try {
					body.write(writer);
					writer.flush();
				}
				catch (IOException | RuntimeException ex) {
					record(audited, writer.rows(), false);
					throw ex;
				}
				record(audited, writer.rows(), true);
			});
	}

}
