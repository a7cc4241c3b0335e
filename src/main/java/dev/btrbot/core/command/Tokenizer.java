package dev.btrbot.core.command;

import dev.btrbot.domain.Refusal;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words the way a shell user expects: spaces
 * separate, "double" or 'single' quotes group (also the typographic quotes
 * chat clients substitute), a backslash escapes the next character.
 */
public final class Tokenizer {
    private Tokenizer() {
    }

    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int closing = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (closing != 0) {
                if (c == closing || closing == '"' && c == '\u201D' || closing == '\'' && c == '\u2019') {
                    closing = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (c == '"' || c == '\u201C' || c == '\u201D') {
                closing = '"';
                inWord = true;
            } else if (c == '\'' || c == '\u2018') {
                closing = '\'';
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (closing != 0) {
            throw new Refusal("A quote is not closed.");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * Text as one word for {@link #split}, exactly: every white space, quote
     * and backslash is preceded by a backslash; an empty text is {@code ""}.
     */
    public static String word(String text) {
        if (text.isEmpty()) {
            return "\"\"";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || "\"'\\\u201C\u201D\u2018\u2019".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
