package dev.switchboard.router.signals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data in text by pattern, named as the reference's PII detector names its types. Types with a
 * checksum (card numbers: Luhn; IBANs: mod 97) are only reported when it holds, so that an order number is not a
 * card. A pattern detector finds formatted identifiers, not names or addresses in free prose: it does not emit
 * {@code PERSON} or {@code LOCATION}.
 */
public final class PiiDetector {

    public static final String EMAIL_ADDRESS = "EMAIL_ADDRESS";
    public static final String PHONE_NUMBER = "PHONE_NUMBER";
    public static final String CREDIT_CARD = "CREDIT_CARD";
    public static final String US_SSN = "US_SSN";
    public static final String IP_ADDRESS = "IP_ADDRESS";
    public static final String IBAN_CODE = "IBAN_CODE";
    public static final String API_KEY = "API_KEY";

    private static final Map<String, Pattern> PATTERNS = new LinkedHashMap<>();

    static {
        PATTERNS.put(EMAIL_ADDRESS, Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"));
        PATTERNS.put(CREDIT_CARD, Pattern.compile("(?<!\\d)(?:\\d[ -]?){12,18}\\d(?!\\d)"));
        PATTERNS.put(US_SSN, Pattern.compile("(?<!\\d)(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}(?!\\d)"));
        PATTERNS.put(PHONE_NUMBER, Pattern.compile(
                "(?<![\\w+]|\\d[ .-])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{2,4}\\)[ .-]?|\\d{2,4}[ .-])\\d{3,4}[ .-]\\d{3,4}"
                        + "(?![ .-]?\\d)(?!\\w)"));
        PATTERNS.put(IP_ADDRESS, Pattern.compile(
                "(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?![\\d.])"));
        PATTERNS.put(IBAN_CODE, Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b"));
        PATTERNS.put(API_KEY, Pattern.compile(
                "\\b(?:sk-[A-Za-z0-9_-]{20,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|AIza[0-9A-Za-z_-]{35})\\b"));
    }

    private PiiDetector() {
    }

    /** The PII types present in the text. */
    public static Set<String> find(String text) {
        Set<String> found = new TreeSet<>();
        for (Map.Entry<String, Pattern> type : PATTERNS.entrySet()) {
            Matcher matcher = type.getValue().matcher(text);
            while (matcher.find()) {
                if (valid(type.getKey(), matcher.group())) {
                    found.add(type.getKey());
                    break;
                }
            }
        }
        return found;
    }

    private static boolean valid(String type, String match) {
        return switch (type) {
            case CREDIT_CARD -> luhn(match.replaceAll("[ -]", ""));
            case IBAN_CODE -> iban(match.replace(" ", ""));
            default -> true;
        };
    }

    static boolean luhn(String digits) {
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (twice) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    static boolean iban(String code) {
        if (code.length() < 15 || code.length() > 34) {
            return false;
        }
        String rearranged = code.substring(4) + code.substring(0, 4);
        int remainder = 0;
        for (char c : rearranged.toCharArray()) {
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = (value > 9 ? remainder * 100 + value : remainder * 10 + value) % 97;
        }
        return remainder == 1;
    }
}
