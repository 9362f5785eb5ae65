package dev.feedbackchat.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU and memory from /proc: the server's, the load generator's (this JVM), PostgreSQL's (its postmaster and
 * the backends under it) and everything else on the machine; all CPU in clock ticks of 1/100 s.
 */
final class ProcSampler {

	static final double HZ = 100.0;

	/** CPU ticks at one moment, and the server's threads. */
	record Snapshot(long server, long generator, long database, long machine, int serverThreads) {
	}

	private final long serverPid;

	private final long databasePid;

	private long peakRssKb;

	/** @param databasePid PostgreSQL's postmaster, or 0 without a database */
	ProcSampler(long serverPid, long databasePid) {
		this.serverPid = serverPid;
		this.databasePid = databasePid;
	}

	Snapshot take() {
		try {
			long[] server = stat(serverPid);
			return new Snapshot(server[0] + server[1], cpu(ProcessHandle.current().pid()), databaseTicks(), machineBusyTicks(),
					(int) server[4]);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Called every second or so: the server's resident memory, keeping the peak. */
	void sampleRss() throws IOException {
		peakRssKb = Math.max(peakRssKb, rssKb(serverPid));
	}

	long peakRssKb() {
		return peakRssKb;
	}

	/** CPU of each part over the window, in cores (the machine has a few). */
	Map<String, Object> cores(Snapshot before, Snapshot after, double seconds) {
		long server = after.server - before.server;
		long generator = after.generator - before.generator;
		long database = after.database - before.database;
		long other = after.machine - before.machine - server - generator - database;
		Map<String, Object> cores = new LinkedHashMap<>();
		cores.put("serverCpuCores", Settings.round(server / HZ / seconds));
		cores.put("clientCpuCores", Settings.round(generator / HZ / seconds));
		if (databasePid != 0) {
			cores.put("databaseCpuCores", Settings.round(database / HZ / seconds));
		}
		cores.put("otherCpuCores", Settings.round(other / HZ / seconds));
		return cores;
	}

	/** utime + stime of one process (all its threads). */
	static long cpu(long pid) throws IOException {
		long[] f = stat(pid);
		return f[0] + f[1];
	}

	/**
	 * PostgreSQL's CPU: the postmaster's own, what its ended children left in its cutime/cstime, and the live
	 * backends' (one process per connection, children of the postmaster).
	 */
	private long databaseTicks() throws IOException {
		if (databasePid == 0) {
			return 0;
		}
		long[] postmaster = stat(databasePid);
		long ticks = postmaster[0] + postmaster[1] + postmaster[2] + postmaster[3];
		try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
			for (Path proc : procs) {
				try {
					long[] f = stat(Long.parseLong(proc.getFileName().toString()));
					if (f[5] == databasePid) {
						ticks += f[0] + f[1];
					}
				}
				catch (NoSuchFileException ex) {
					// ended while listing: its time is in the postmaster's cutime by now
				}
			}
		}
		return ticks;
	}

	/** utime, stime, cutime, cstime, num_threads, ppid of /proc/<pid>/stat. */
	private static long[] stat(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
		// fields after "(comm)", from field 3 (state) on: ppid is field 4, utime 14, stime 15, cutime 16,
		// cstime 17, num_threads 20
		String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return new long[] { Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14]),
				Long.parseLong(f[17]), Long.parseLong(f[1]) };
	}

	/** Busy (not idle, not iowait) CPU ticks of the whole machine, from /proc/stat. */
	static long machineBusyTicks() throws IOException {
		String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
		long busy = 0;
		for (int i = 1; i <= 8 && i < f.length; i++) {
			if (i != 4 && i != 5) {
				busy += Long.parseLong(f[i]);
			}
		}
		return busy;
	}

	static long rssKb(long pid) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D", ""));
			}
		}
		return 0;
	}

	static double loadAverage() throws IOException {
		return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
	}

}
