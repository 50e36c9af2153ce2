package io.github.twiliosmsmcp.setup;

import io.github.twiliosmsmcp.config.Environment;
import io.github.twiliosmsmcp.config.Settings;
import io.github.twiliosmsmcp.config.SettingsCatalogue;
import io.github.twiliosmsmcp.config.TwilioAccount;
import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.sms.ErrorMeanings;
import io.github.twiliosmsmcp.sms.GatewayException;
import io.github.twiliosmsmcp.twilio.TwilioNumbers;
import io.github.twiliosmsmcp.twilio.TwilioNumbers.IncomingNumber;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code java -jar twilio-sms-mcp.jar webhooks [--apply]}: shows where each of the owner's Twilio
 * numbers sends the messages it receives, and where it should (the service behind
 * {@code SMS_PUBLIC_URL}); with {@code --apply}, points the numbers that differ there. Nothing is
 * changed without {@code --apply}.
 */
public final class Webhooks {
    private final PrintStream out;
    private final PrintStream err;

    /** A problem that ends the command before any number is looked at or changed. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** What the configuration says: the account, its numbers and the webhook they should carry. */
    private record Plan(TwilioAccount account, InboundWebhook webhook) {}

    private Webhooks(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command; the process exit status: 0 done, 1 a problem, 2 bad arguments. */
    public static int run(String[] args, String version, Environment env, PrintStream out, PrintStream err) {
        Optional<Boolean> apply = apply(args);
        if (apply.isEmpty()) {
            err.println("twilio-sms-mcp webhooks: the only option is --apply (it was: " + String.join(" ", args) + ")");
            err.println();
            err.print(Usage.text(version));
            return 2;
        }
        Webhooks command = new Webhooks(out, err);
        try {
            Plan plan = plan(env);
            return command.run(plan, new TwilioNumbers(plan.account(), "twilio-sms-mcp/" + version), apply.get());
        } catch (Refused e) {
            err.println("twilio-sms-mcp webhooks: " + e.getMessage());
            return 1;
        }
    }

    /** Whether to change the numbers: no argument shows, {@code --apply} changes; empty for anything else. */
    static Optional<Boolean> apply(String... args) {
        if (args.length == 0) {
            return Optional.of(false);
        }
        return args.length == 1 && args[0].equals("--apply") ? Optional.of(true) : Optional.empty();
    }

    private static Plan plan(Environment env) throws Refused {
        if (Settings.isSandbox(env)) {
            throw new Refused("no TWILIO_ setting is set, so this is the sandbox: it has no phone numbers and Twilio"
                    + " sends it nothing. Nothing to do. Set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and"
                    + " TWILIO_PHONE_NUMBER to point your numbers at the service.");
        }
        Settings settings = Settings.load(env);
        if (!settings.problems().isEmpty()) {
            throw new Refused("the settings have problems; fix them and run this again:\n  "
                    + String.join("\n  ", settings.problems()));
        }
        TwilioAccount account = settings.twilio().orElseThrow();
        if (account.phoneNumbers().isEmpty()) {
            throw new Refused(Settings.PHONE_NUMBER + " is not set: name the numbers (E.164, comma-separated) whose"
                    + " webhook to set. A Messaging Service's own incoming-message settings are made in the Twilio Console.");
        }
        List<String> problems = new ArrayList<>();
        Optional<URI> publicUrl = SettingsCatalogue.PUBLIC_URL.read(env, null, problems);
        if (!problems.isEmpty()) {
            throw new Refused(String.join("; ", problems));
        }
        return new Plan(account, InboundWebhook.under(publicUrl.orElseThrow(() -> new Refused(SettingsCatalogue.PUBLIC_URL.name()
                + " is not set: set it to the https base URL at which Twilio reaches the service (the tunnel or"
                + " reverse proxy in front of 'serve'), such as https://sms.example.com; the numbers then send"
                + " their messages to that URL + " + InboundWebhook.PATH + "."))));
    }

    private int run(Plan plan, TwilioNumbers numbers, boolean apply) {
        out.println("The SMS webhook of each number in " + Settings.PHONE_NUMBER + " (account " + plan.account().accountSid() + ")");
        out.println("should be " + plan.webhook() + " (" + SettingsCatalogue.PUBLIC_URL.name() + " + " + InboundWebhook.PATH + ").");
        out.println();
        int differ = 0;
        int changed = 0;
        int missing = 0;
        for (PhoneNumber number : plan.account().phoneNumbers()) {
            String doing = "look up " + number.e164();
            try {
                Optional<IncomingNumber> found = numbers.find(number);
                if (found.isEmpty()) {
                    missing++;
                    out.println("  " + number.e164() + ": not a number of this Twilio account");
                    continue;
                }
                IncomingNumber incoming = found.get();
                String before = "  " + number.e164() + " (" + incoming.sid() + "): " + InboundWebhook.shown(incoming);
                if (plan.webhook().carriedBy(incoming)) {
                    out.println(before + ", already set");
                } else if (!apply) {
                    differ++;
                    out.println(before + ", to change");
                } else {
                    doing = "change the webhook of " + number.e164();
                    IncomingNumber after = numbers.receiveAt(incoming, plan.webhook().url());
                    changed++;
                    out.println(before + ", changed to " + InboundWebhook.shown(after));
                }
            } catch (GatewayException e) {
                // One failure (credentials, no connection) would repeat for every other number.
                err.println("twilio-sms-mcp webhooks: " + words(e, numbers.errors(), doing)
                        + (changed > 0 ? " " + changedCount(changed) + " before that." : ""));
                return 1;
            }
        }
        out.println();
        out.println("Delivery status callbacks are not set on the numbers: the service asks for them with each"
                + " message it sends.");
        if (apply) {
            out.println(changed == 0 ? "Nothing to change." : changedCount(changed) + ".");
        } else {
            out.println(differ == 0 ? "Nothing to change."
                    : differ + (differ == 1 ? " number differs" : " numbers differ")
                            + ". Nothing was changed: run 'webhooks --apply' to set " + plan.webhook() + ".");
        }
        if (missing > 0) {
            err.println("twilio-sms-mcp webhooks: " + missing + (missing == 1 ? " number" : " numbers") + " in "
                    + Settings.PHONE_NUMBER + " could not be found in account " + plan.account().accountSid()
                    + ": check the number, and that " + Settings.ACCOUNT_SID + " is the account that owns it.");
            return 1;
        }
        return 0;
    }

    private static String changedCount(int changed) {
        return "Changed " + changed + (changed == 1 ? " number" : " numbers");
    }

    /** A failed Twilio call in words: what it means and what to do, never Twilio's raw answer. */
    private static String words(GatewayException e, ErrorMeanings errors, String doing) {
        if (e instanceof GatewayException.Rejected rejected && rejected.code().isPresent()) {
            ErrorMeanings.Explanation why = errors.explain(rejected.code().get(), rejected.providerMessage().orElse(null));
            return "Twilio refused to " + doing + " with error " + rejected.code().get() + ": " + why.meaning() + ". "
                    + why.advice();
        }
        if (e instanceof GatewayException.Rejected) {
            return "Twilio refused to " + doing + " (" + e.getMessage() + ").";
        }
        return "Twilio could not be reached to " + doing + " (" + e.getMessage() + "). Check the internet connection,"
                + " and " + Settings.API_BASE_URL + " if it is set.";
    }
}
