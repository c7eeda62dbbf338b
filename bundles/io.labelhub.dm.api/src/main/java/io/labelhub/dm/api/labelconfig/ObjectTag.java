package io.labelhub.dm.api.labelconfig;

/**
 * A tag of the labeling config that shows task data, such as {@code <Image name="img" value="$image"/>}.
 *
 * @param type    the tag name as written in the config ({@code Image}, {@code Text} …)
 * @param dataKey the key of {@code data} the tag reads ({@code image} for {@code $image}); {@code null} when the
 *                value is a literal
 * @param blob    the value is a URL of a blob (image, audio, video …) rather than inline content
 */
public record ObjectTag(String name, String type, String dataKey, boolean blob) {
}
