package dev.switchboard.contracts.config;

import java.util.List;

/**
 * One entry of {@code routing.signals.input_modality[]}: the request's user messages carry input of this kind. Found
 * from the content parts' types, with no model: string content and {@code text} parts are text, {@code image_url}
 * (and {@code input_image}, {@code image}) image, {@code input_audio} and {@code audio_url} audio,
 * {@code video_url} and {@code input_video} video.
 *
 * @param name        rule name referenced by conditions of type {@code input_modality}
 * @param description free text; nullable
 * @param modality    one of {@link #MODALITIES}
 */
public record InputModalitySignal(String name, String description, String modality) {

    public static final String TEXT = "text";
    public static final String IMAGE = "image";
    public static final String AUDIO = "audio";
    public static final String VIDEO = "video";
    public static final List<String> MODALITIES = List.of(TEXT, IMAGE, AUDIO, VIDEO);
}
