package nscheck.model;

/** A model the user asked for cannot be built: unknown name, bad file, bad bound. The message is one line. */
public class ModelException extends RuntimeException {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
