package dev.feedbackchat.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Keeps an H2 database file private to the user the app runs as: the record holds every prompt, answer and
 * comment, and H2 creates its files as the umask says (usually readable by every local user). Before any
 * DataSource is initialised, the database's directory is created owner-only (0700) when missing, and its files
 * are set to 0600; once the singletons are up (the database opened and migrated) the files H2 has created are set
 * to 0600 as well. Files H2 creates later are out of others' reach anyway, behind the 0700 directory (as in
 * {@code ~/.ssh}). An existing directory is tightened to 0700 only when it is {@code chat.store.path}, the app's
 * own; the directory of another H2 file URL may be shared, so it is left as it is. Nothing happens for other URLs
 * (in memory, a server, PostgreSQL) or on file systems without POSIX permissions.
 */
@Component
class PrivateDatabaseFiles implements BeanPostProcessor, SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(PrivateDatabaseFiles.class);

	static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

	static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

	/** An H2 URL with another file system or a server ({@code mem:}, {@code tcp://}, {@code zip:}...). */
	private static final Pattern OTHER_PREFIX = Pattern.compile("^[A-Za-z][A-Za-z0-9]+:.*");

	/** The database's path without extension (H2 adds .mv.db, .trace.db, ...), or {@code null}: none to keep. */
	private final Path database;

	/** The app's own data directory. */
	private final Path store;

	private boolean prepared;

	PrivateDatabaseFiles(Environment environment) {
		this.database = h2File(environment.getProperty("spring.datasource.url"));
		this.store = Path.of(environment.getProperty("chat.store.path", "./data")).toAbsolutePath().normalize();
	}

	/** The file an H2 embedded URL names ({@code jdbc:h2:file:./data/x}, {@code jdbc:h2:~/x}), else {@code null}. */
	static Path h2File(String url) {
		if (url == null || !url.startsWith("jdbc:h2:")) {
			return null;
		}
		String name = url.substring("jdbc:h2:".length());
		int settings = name.indexOf(';');
		if (settings >= 0) {
			name = name.substring(0, settings);
		}
		if (name.startsWith("file:")) {
			name = name.substring("file:".length());
		}
		else if (OTHER_PREFIX.matcher(name).matches()) {
			return null;
		}
		if (name.startsWith("~")) {
			name = System.getProperty("user.home") + name.substring(1);
		}
		return name.isBlank() ? null : Path.of(name).toAbsolutePath().normalize();
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource && !prepared) {
			prepared = true;
			prepare();
		}
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (applies()) {
			restrictFiles(database.getParent());
		}
	}

	/** Creates or tightens the directory, and restricts the files already in it. */
	void prepare() {
		if (!applies()) {
			return;
		}
		Path directory = database.getParent();
		try {
			if (Files.notExists(directory)) {
				Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
				// The attribute given at creation is masked by the umask: set it outright.
				Files.setPosixFilePermissions(directory, DIRECTORY);
			}
			else if (directory.equals(store)) {
				restrict(directory, DIRECTORY);
			}
			else if (!Files.getPosixFilePermissions(directory).equals(DIRECTORY)) {
				log.info("The database's directory {} is not chat.store.path and may be shared: its permissions are "
						+ "left as they are", directory);
			}
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Could not make the database's directory {} owner-only: {}", directory, ex.toString());
		}
		restrictFiles(directory);
	}

	private boolean applies() {
		if (database == null) {
			return false;
		}
		if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			log.debug("No POSIX permissions on this file system: {} is left as it is", database.getParent());
			return false;
		}
		return true;
	}

	/** The database's files (all files in the app's own directory) to 0600. */
	private void restrictFiles(Path directory) {
		String prefix = database.getFileName() + ".";
		boolean own = directory.equals(store);
		try (Stream<Path> files = Files.list(directory)) {
			files.filter(file -> own || file.getFileName().toString().startsWith(prefix))
				.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
				.forEach(file -> restrict(file, FILE));
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Could not make the database's files in {} owner-only: {}", directory, ex.toString());
		}
	}

	private static void restrict(Path path, Set<PosixFilePermission> permissions) {
		try {
			PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
			if (!attributes.permissions().equals(permissions)) {
				Files.setPosixFilePermissions(path, permissions);
				log.info("Made {} owner-only ({})", path, PosixFilePermissions.toString(permissions));
			}
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Could not make {} owner-only: {}", path, ex.toString());
		}
	}

}
