package io.labelhub.dm.api.labelconfig;

import java.util.List;
import java.util.Map;

import io.labelhub.dm.api.ValidationException;

/** Reads labeling configs safely and checks task data and results against them. */
public interface LabelConfigService {

    /**
     * Parses a config. DTDs and external entities are refused.
     *
     * @throws ValidationException naming the problem: not XML (with line and column), a DOCTYPE, no object tag,
     *                             a control pointing at a missing object, duplicate names
     */
    LabelConfig parse(String xml);

    /**
     * Checks that {@code data} has every key the config reads and that blob tags get URLs.
     *
     * @return the problems found, each naming the key; empty when the data fits
     */
    List<String> checkData(LabelConfig config, Map<String, Object> data);

    /**
     * Checks result regions of a completion or prediction against the config.
     *
     * @return the problems found, each naming the region, the control and the value; empty when the result fits
     */
    List<String> checkResult(LabelConfig config, List<Map<String, Object>> result);

    /** A task {@code data} object that fits the config, to show a user what a task looks like. */
    Map<String, Object> sampleData(LabelConfig config);
}
