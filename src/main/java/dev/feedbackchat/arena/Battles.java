package dev.feedbackchat.arena;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import dev.feedbackchat.conversation.ChatProperties;
import dev.feedbackchat.conversation.SessionLocks;
import dev.feedbackchat.limits.Client;
import dev.feedbackchat.limits.ClientLimits;
import dev.feedbackchat.limits.Slot;
import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.model.Prompts;
import dev.feedbackchat.model.Refused;
import dev.feedbackchat.stream.AnswerProgress;
import dev.feedbackchat.stream.Finished;
import dev.feedbackchat.stream.LiveAnswers;
import dev.feedbackchat.responder.Responder;
import dev.feedbackchat.stream.OtherInstances;
import dev.feedbackchat.trace.TurnKind;
import dev.feedbackchat.trace.TurnTrace;
import dev.feedbackchat.trace.Traces;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Battles: a prompt answered by two contenders at once, streamed side by side, then one vote. The session holds
 * only the id of its current battle (a new prompt replaces it); the record holds the battle, so every instance
 * shows it alike. The answers stream from the instance that generates them; another instance asked for one follows
 * it from the record.
 */
@Service
@ConditionalOnProperty(name = "chat.arena.enabled", havingValue = "true")
public class Battles {

	/** The session attribute holding the id of the session's current battle. */
	static final String CURRENT = "arena.battle";

	static final String INTERRUPTED = "answer.failed.arenaInterrupted";

	static final String UNREACHABLE = "refused.arena.unreachable";

	private final LiveAnswers answers;

	private final ArenaRecord record;

	private final ArenaLeaderboard leaderboard;

	private final Contenders contenders;

	private final ClientLimits limits;

	private final ChatProperties chat;

	private final BattleViews views;

	private final OtherInstances others;

	private final Traces traces;

	/** Both sides of a battle finish under the same one of these. */
	private static final Object[] FINISHING = new Object[64];

	static {
		for (int i = 0; i < FINISHING.length; i++) {
			FINISHING[i] = new Object();
		}
	}

	private final Counter battles;

	private final Map<Outcome, Counter> votes = new EnumMap<>(Outcome.class);

	Battles(LiveAnswers answers, ArenaRecord record, ArenaLeaderboard leaderboard, Contenders contenders,
			ClientLimits limits, ChatProperties chat, BattleViews views, OtherInstances others, MeterRegistry meters,
			Traces traces) {
		this.others = others;
		this.traces = traces;
		this.answers = answers;
		this.record = record;
		this.leaderboard = leaderboard;
		this.contenders = contenders;
		this.limits = limits;
		this.chat = chat;
		this.views = views;
		this.battles = Counter.builder("chat.arena.battles").description("Arena battles started").register(meters);
		for (Outcome outcome : Outcome.values()) {
			votes.put(outcome, Counter.builder("chat.arena.votes")
				.description("Arena votes stored, by outcome")
				.tag("outcome", outcome.id())
				.register(meters));
		}
	}

	/** The session's current battle as it stands, if it has one. */
	public Optional<BattleState> current(HttpSession session) {
		Object id = session.getAttribute(CURRENT);
		return id instanceof UUID battleId ? recorded(battleId) : Optional.empty();
	}

	/**
	 * Starts a battle on {@code text}: two contenders drawn at random answer it at once. Refused while the session's
	 * current battle is still being answered, and as a prompt of the chat is by {@code chat.rate-limit} (a battle
	 * counts as one prompt and takes the place of one answer until both of its answers have ended).
	 */
	public BattleState start(HttpSession session, String address, String text) {
		String prompt = Prompts.checked(text, chat.prompt().maxLength());
		if (!answers.accepting()) {
			throw Refused.unavailable("refused.arena.restarting");
		}
		synchronized (SessionLocks.of(session)) {
			if (session.getAttribute(CURRENT) instanceof UUID current && generating(current)) {
				throw Refused.conflict("refused.arena.notComplete");
			}
			Client client = new Client(session.getId(), address);
			limits.prompt(client);
			Slot slot = limits.answer(client);
			try {
				Contenders.Pairing pairing = contenders.draw();
				UUID id = UUID.randomUUID();
				database(() -> {
					record.saveBattle(id, prompt, pairing.a(), pairing.b(), Instant.now(), others.self());
					return null;
				});
				battles.increment();
				Slot[] halves = halves(slot);
				for (Side side : Side.values()) {
					Responder responder = pairing.responder(side);
					TurnTrace trace = traces.turn(TurnKind.ARENA, responder.name(), responder.model(), id,
							answerId(id, side));
					answers.start(answerId(id, side), session.getId(), halves[side.ordinal()],
							sink -> responder.respond(List.of(), prompt, trace.sink(sink)),
							trace.finisher(ended -> finish(id, side, ended)));
				}
				session.setAttribute(CURRENT, id);
				return new BattleState(id, prompt, pairing.a(), pairing.b(), others.self(), BattleState.Answer.STARTED,
						BattleState.Answer.STARTED, null, null);
			}
			catch (RuntimeException ex) {
				slot.release();
				throw ex;
			}
		}
	}

	/** The client's place for one battle: released when both of its answers have ended. */
	private static Slot[] halves(Slot slot) {
		AtomicBoolean otherEnded = new AtomicBoolean();
		Slot[] halves = new Slot[2];
		for (int i = 0; i < halves.length; i++) {
			AtomicBoolean released = new AtomicBoolean();
			halves[i] = () -> {
				if (!released.getAndSet(true) && otherEnded.getAndSet(true)) {
					slot.release();
				}
			};
		}
		return halves;
	}

	/**
	 * Records a side's ended answer; both sides of a battle finish under one lock, so the one that ends last sees
	 * the other's end and its closing event brings the vote.
	 */
	private Finished finish(UUID battleId, Side side, AnswerProgress ended) {
		AnswerProgress end = OtherInstances.INTERRUPTED.equals(ended.error())
				? new AnswerProgress(ended.text(), AnswerStatus.FAILED, INTERRUPTED, ended.firstTokenMillis()) : ended;
		BattleState battle;
		synchronized (FINISHING[Math.floorMod(battleId.hashCode(), FINISHING.length)]) {
			record.finishAnswer(battleId, side, end.text(), end.status().id(), end.error());
			// As generated: the record's text may be redacted (chat.privacy.redact), this page shows what was written.
			battle = live(record.battle(battleId).orElseThrow())
				.with(side, new BattleState.Answer(end.text(), end.status(), end.error()));
		}
		BattleState finished = battle;
		return new Finished(end, locale -> views.closing(finished, side, locale));
	}

	/**
	 * Serves the SSE stream of one side's answer (see {@link LiveAnswers#stream}): refused as not found unless it
	 * belongs to the session's current battle.
	 */
	public void stream(HttpServletRequest request, HttpServletResponse response, UUID battleId, Side side, int from)
			throws IOException {
		HttpSession session = request.getSession(false);
		if (session == null) {
			throw notYours();
		}
		owned(session, battleId);
		Slot slot = limits.stream(new Client(session.getId(), request.getRemoteAddr()));
		answers.stream(answerId(battleId, side), from, slot, request, response,
				locale -> views.closing(recorded(battleId).orElseThrow(Battles::notYours), side, locale));
	}

	/** Stops one side's answer; it keeps its text so far and can still be voted on. */
	public void stop(HttpSession session, UUID battleId, Side side) {
		owned(session, battleId);
		if (!answers.stop(answerId(battleId, side))) {
			throw Refused.conflict("refused.answer.notGenerating");
		}
	}

	/**
	 * Votes on the session's current battle, once both answers have ended and neither failed.
	 *
	 * @param outcome a, b, tie or bothbad
	 * @return the battle as recorded after the vote; {@link Voted#stored()} false when it already had one (kept)
	 */
	public Voted vote(HttpSession session, UUID battleId, String outcome) {
		Outcome chosen = Outcome.of(outcome)
			.orElseThrow(() -> Refused.invalid("refused.arena.outcome"));
		owned(session, battleId);
		BattleState battle = recorded(battleId).orElseThrow(Battles::notYours);
		if (battle.voted()) {
			return new Voted(battle, false);
		}
		if (!battle.finished()) {
			throw Refused.conflict("refused.arena.notComplete");
		}
		if (battle.failed()) {
			throw Refused.conflict("refused.arena.failed");
		}
		boolean stored = database(() -> leaderboard.vote(battleId, chosen));
		if (stored) {
			votes.get(chosen).increment();
		}
		return new Voted(recorded(battleId).orElseThrow(Battles::notYours), stored);
	}

	/**
	 * A vote as the record took it.
	 *
	 * @param stored false when the battle already had a vote: the battle shows that one
	 */
	public record Voted(BattleState battle, boolean stored) {
	}

	private static void owned(HttpSession session, UUID battleId) {
		if (!battleId.equals(session.getAttribute(CURRENT))) {
			throw notYours();
		}
	}

	private static Refused notYours() {
		return Refused.notFound("refused.arena.notCurrent");
	}

	private boolean generating(UUID battleId) {
		for (Side side : Side.values()) {
			Optional<AnswerProgress> progress = answers.progress(answerId(battleId, side));
			if (progress.isPresent() && !progress.get().finished()) {
				return true;
			}
		}
		return false;
	}

	/** The battle from the record, its answers still streaming as far as they have come here. */
	private Optional<BattleState> recorded(UUID battleId) {
		return database(() -> record.battle(battleId)).map(this::live);
	}

	/**
	 * An answer the record has not got yet is being generated here (its text so far), or by another instance (it
	 * is followed from the record until it ends there), or was on an instance that stopped before it ended, this
	 * one before a restart say: it will not end, and is recorded as failed (interrupted). An answer that ended here
	 * and is still held shows its text as generated, not the record's redacted one.
	 */
	private BattleState live(BattleState battle) {
		BattleState live = battle;
		for (Side side : Side.values()) {
			BattleState.Answer recorded = battle.answer(side);
			if (recorded.status() != AnswerStatus.GENERATING) {
				// Ended here and still held: its text as generated (the record's may be redacted, chat.privacy.redact).
				Optional<AnswerProgress> held = answers.progress(answerId(battle.id(), side));
				if (held.isPresent() && held.get().finished() && !held.get().text().equals(recorded.text())) {
					live = live.with(side, new BattleState.Answer(held.get().text(), recorded.status(), recorded.error()));
				}
			}
			else {
				UUID answerId = answerId(battle.id(), side);
				// Started here (the instance id is new at every start) and not yet registered: it is a moment away.
				boolean startingHere = others.self().equals(battle.instance());
				if (answers.progress(answerId).isEmpty() && !startingHere) {
					takeOver(battle, side);
				}
				BattleState.Answer answer = answers.progress(answerId)
					.map(progress -> new BattleState.Answer(progress.text(), progress.status(), progress.error()))
					.orElse(BattleState.Answer.STARTED);
				live = live.with(side, answer);
			}
		}
		return live;
	}

	private void takeOver(BattleState battle, Side side) {
		String instance = battle.instance();
		answers.takeOver(answerId(battle.id(), side), sink -> {
			if (others.enabled() && instance != null && !instance.equals(others.self())) {
				return others.follow(instance, sink, () -> record.battle(battle.id())
					.map(recorded -> recorded.answer(side))
					.filter(answer -> answer.status().finished())
					.map(answer -> new AnswerProgress(answer.text(), answer.status(), answer.error(), null)));
			}
			sink.fail(INTERRUPTED);
			return () -> {
			};
		}, ended -> finish(battle.id(), side, ended));
	}

	/** The id one side's answer streams under here: derived, so that it needs no column and reveals nothing. */
	static UUID answerId(UUID battleId, Side side) {
		return UUID.nameUUIDFromBytes((battleId + "/" + side.id()).getBytes(StandardCharsets.UTF_8));
	}

	private static <T> T database(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (DataAccessException ex) {
			throw Refused.unavailable(UNREACHABLE, ex);
		}
	}
}
