package dev.switchboard.embedder;

/** A model that cannot be used: the message names the file and the problem. Fails the embedder's start. */
final class ModelLoadException extends Exception {

    ModelLoadException(String message) {
        super(message);
    }

    ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
