package io.github.twiliosmsmcp.sms;

/** The two alphabets an SMS can be sent in. */
public enum Encoding {
    GSM_7("GSM-7"),
    UCS_2("UCS-2");

    private final String label;

    Encoding(String label) {
        this.label = label;
    }

    /** The name carriers and Twilio's documentation use, e.g. "GSM-7". */
    public String label() {
        return label;
    }
}
