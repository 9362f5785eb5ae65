package dev.feedbackchat.chat;

import java.util.ArrayDeque;
import java.util.Deque;

import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.Block;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.PostProcessor;

/**
 * Bounds how deeply a parsed document nests, as cmark-gfm and markdown-it bound block and inline nesting: the
 * renderer (and the sanitizer after it) recurse once per level, so a model answer of thousands of {@code "> "}
 * or {@code "- "} would overflow the stack. What lies deeper than {@link #MAX_DEPTH} is kept as its plain text,
 * one line per line, in the node at that depth. Iterative, so the limit itself needs no stack.
 */
final class NestingLimit implements PostProcessor {

	/** Far beyond what people write (a list nested eight levels with emphasis in it is about 20). */
	static final int MAX_DEPTH = 32;

	@Override
	public Node process(Node document) {
		Deque<Node> nodes = new ArrayDeque<>();
		Deque<Integer> depths = new ArrayDeque<>();
		nodes.push(document);
		depths.push(0);
		while (!nodes.isEmpty()) {
			Node node = nodes.pop();
			int depth = depths.pop();
			if (depth >= MAX_DEPTH && node.getFirstChild() != null && !onlyStructure(node)) {
				flatten(node);
				continue;
			}
			for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
				nodes.push(child);
				depths.push(depth + 1);
			}
		}
		return document;
	}

	/** Nodes whose children must be of one kind (items of a list, rows of a table): the limit applies to those. */
	private static boolean onlyStructure(Node node) {
		return node instanceof ListBlock || node instanceof TableBlock || node instanceof TableHead
				|| node instanceof TableBody || node instanceof TableRow;
	}

	/** Replaces the node's children by their text: a paragraph where it holds blocks, else inline text. */
	private static void flatten(Node node) {
		String text = text(node);
		Node holder = node.getFirstChild() instanceof Block ? new Paragraph() : node;
		for (Node child = node.getFirstChild(); child != null;) {
			Node next = child.getNext();
			child.unlink();
			child = next;
		}
		String[] lines = text.strip().split("\n");
		for (int i = 0; i < lines.length; i++) {
			if (i > 0) {
				holder.appendChild(new HardLineBreak());
			}
			holder.appendChild(new Text(lines[i]));
		}
		if (holder != node) {
			node.appendChild(holder);
		}
	}

	/** The text under a node, in document order, a line break between blocks. */
	private static String text(Node root) {
		StringBuilder text = new StringBuilder();
		Deque<Node> nodes = new ArrayDeque<>();
		for (Node child = root.getLastChild(); child != null; child = child.getPrevious()) {
			nodes.push(child);
		}
		while (!nodes.isEmpty()) {
			Node node = nodes.pop();
			if (node instanceof Block && !text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
				text.append('\n');
			}
			String literal = literal(node);
			if (literal != null) {
				text.append(literal);
			}
			else if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
				text.append('\n');
			}
			for (Node child = node.getLastChild(); child != null; child = child.getPrevious()) {
				nodes.push(child);
			}
		}
		return text.toString();
	}

	private static String literal(Node node) {
		if (node instanceof Text text) {
			return text.getLiteral();
		}
		if (node instanceof Code code) {
			return code.getLiteral();
		}
		if (node instanceof HtmlInline html) {
			return html.getLiteral();
		}
		if (node instanceof FencedCodeBlock code) {
			return code.getLiteral();
		}
		if (node instanceof IndentedCodeBlock code) {
			return code.getLiteral();
		}
		if (node instanceof HtmlBlock html) {
			return html.getLiteral();
		}
		return null;
	}

}
