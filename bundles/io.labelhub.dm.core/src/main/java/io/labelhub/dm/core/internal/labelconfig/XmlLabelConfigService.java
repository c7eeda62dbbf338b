package io.labelhub.dm.core.internal.labelconfig;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.osgi.service.component.annotations.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.labelconfig.ControlTag;
import io.labelhub.dm.api.labelconfig.LabelConfig;
import io.labelhub.dm.api.labelconfig.LabelConfigService;
import io.labelhub.dm.api.labelconfig.ObjectTag;

/**
 * Reads Label Studio labeling configs with a DOM parser that refuses any DOCTYPE, so neither external entities
 * nor entity expansion can be smuggled in.
 */
@Component(service = LabelConfigService.class)
public class XmlLabelConfigService implements LabelConfigService {

    /** A labeling config is a page of XML; anything far larger is a mistake or an attack. */
    static final int MAX_CONFIG_CHARS = 256 * 1024;

    /**
     * How deep tags may nest. Real configs nest a handful of levels; the limit keeps the parser and the recursive
     * walks over the tree far from a stack overflow, whatever is sent.
     */
    static final int MAX_DEPTH = 100;

    private static final String INVALID = "invalid label config";
    /** The JDK parser's own depth limit, checked while it reads, before any tree is built. */
    private static final String MAX_ELEMENT_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

    @Override
    public LabelConfig parse(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new ValidationException(INVALID, "label_config is empty");
        }
        if (xml.length() > MAX_CONFIG_CHARS) {
            throw new ValidationException(INVALID,
                    "label_config has " + xml.length() + " characters, at most " + MAX_CONFIG_CHARS + " are allowed");
        }
        Element root = readXml(xml).getDocumentElement();
        if (!"view".equalsIgnoreCase(root.getTagName())) {
            throw new ValidationException(INVALID, "the root tag must be <View>, found <" + root.getTagName() + ">");
        }
        List<ObjectTag> objects = new ArrayList<>();
        List<ControlTag> controls = new ArrayList<>();
        Map<String, String> tagByName = new HashMap<>();
        collect(root, objects, controls, tagByName);
        if (objects.isEmpty()) {
            throw new ValidationException(INVALID, "the config has no object tag to show data (such as <Text>, "
                    + "<Image>, <Audio>, <Video>, <HyperText>, <TimeSeries>)");
        }
        List<String> problems = new ArrayList<>();
        for (ControlTag control : controls) {
            for (String target : control.toNames()) {
                boolean isObject = objects.stream().anyMatch(o -> o.name().equals(target));
                if (!isObject) {
                    problems.add("<" + control.type() + " name=\"" + control.name() + "\"> has toName=\"" + target
                            + "\" but there is no object tag named '" + target + "'");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(INVALID, problems);
        }
        return new LabelConfig(xml, objects, controls);
    }

    private static Document readXml(String xml) {
        try {
            DocumentBuilder builder = secureFactory().newDocumentBuilder();
            // the default handler prints to stderr before throwing; a silent one keeps the log clean
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            String message = e.getMessage() == null ? "malformed XML" : e.getMessage();
            if (message.contains("maxElementDepth")) {
                throw new ValidationException(INVALID, "tags nest deeper than " + MAX_DEPTH + " levels (at line "
                        + e.getLineNumber() + ")");
            }
            if (message.contains("DOCTYPE")) {
                throw new ValidationException(INVALID,
                        "a DOCTYPE is not allowed in a label config (DTDs and external entities are refused)");
            }
            throw new ValidationException(INVALID,
                    "not well-formed XML at line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": "
                            + message);
        } catch (SAXException | IOException e) {
            throw new ValidationException(INVALID, "not well-formed XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser cannot be configured securely", e);
        }
    }

    private static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setAttribute(MAX_ELEMENT_DEPTH, String.valueOf(MAX_DEPTH));
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        return factory;
    }

    private static void collect(Element element, List<ObjectTag> objects, List<ControlTag> controls,
                                Map<String, String> tagByName) {
        Optional<String> known = TagCatalog.canonical(element.getTagName());
        String name = element.getAttribute("name");
        if (known.isPresent() && !name.isEmpty()) {
            String type = known.get();
            String previous = tagByName.putIfAbsent(name, type);
            if (previous != null) {
                throw new ValidationException(INVALID,
                        "two tags are named '" + name + "' (<" + previous + "> and <" + type + ">): names must be unique");
            }
            if (TagCatalog.OBJECT_TAGS.containsKey(type)) {
                objects.add(new ObjectTag(name, type, dataKey(element), isBlob(type, element)));
            } else if (TagCatalog.CONTROL_TAGS.contains(type)) {
                controls.add(control(element, type, name));
            }
        } else if (known.isPresent() && TagCatalog.OBJECT_TAGS.containsKey(known.get())) {
            throw new ValidationException(INVALID, "<" + element.getTagName() + "> needs a name attribute");
        } else if (known.isPresent() && TagCatalog.CONTROL_TAGS.contains(known.get())) {
            throw new ValidationException(INVALID, "<" + element.getTagName() + "> needs a name attribute");
        }
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child instanceof Element childElement) {
                collect(childElement, objects, controls, tagByName);
            }
        }
    }

    private static String dataKey(Element element) {
        String value = element.getAttribute("value");
        if (value.startsWith("$") && value.length() > 1) {
            return value.substring(1);
        }
        return null;
    }

    private static boolean isBlob(String type, Element element) {
        String valueType = element.getAttribute("valueType").toLowerCase(Locale.ROOT);
        return switch (valueType) {
            case "url" -> true;
            case "text", "json" -> false;
            default -> TagCatalog.OBJECT_TAGS.get(type);
        };
    }

    private static ControlTag control(Element element, String type, String name) {
        String toName = element.getAttribute("toName");
        if (toName.isBlank()) {
            throw new ValidationException(INVALID, "<" + type + " name=\"" + name + "\"> needs a toName attribute");
        }
        List<String> toNames = Arrays.stream(toName.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<String> labels = new ArrayList<>();
        boolean dynamic = element.getAttribute("value").startsWith("$");
        if (!dynamic) {
            collectLabels(element, labels);
        }
        return new ControlTag(name, type, toNames, dynamic ? List.of() : labels);
    }

    private static void collectLabels(Element element, List<String> labels) {
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                boolean isLabel = TagCatalog.canonical(child.getTagName()).filter(TagCatalog.LABEL_TAGS::contains)
                        .isPresent();
                if (isLabel) {
                    String value = child.getAttribute("value");
                    labels.add(value);
                    String alias = child.getAttribute("alias");
                    if (!alias.isEmpty()) {
                        labels.add(alias);
                    }
                }
                collectLabels(child, labels);
            }
        }
    }

    @Override
    public List<String> checkData(LabelConfig config, Map<String, Object> data) {
        List<String> problems = new ArrayList<>();
        if (data == null) {
            problems.add("data is missing");
            return problems;
        }
        config.dataKeys().forEach((key, tag) -> {
            Object value = data.get(key);
            String reader = "<" + tag.type() + " name=\"" + tag.name() + "\"> reads $" + key;
            if (!data.containsKey(key)) {
                problems.add("data." + key + " is missing (" + reader + ")");
            } else if (value == null && NEEDS_TEXT.contains(tag.type())) {
                // a null is a value (Label Studio stores it); only a tag that shows text cannot show it
                problems.add("data." + key + " is null, but " + reader + " and needs text");
            } else if (tag.blob() && !isBlobUrl(value)) {
                problems.add("data." + key + " must be an http://, https:// or s3:// URL (" + reader + "), got "
                        + abbreviate(String.valueOf(value)));
            }
        });
        return problems;
    }

    /** Object tags that show their value as text, so a null cannot be shown. */
    private static final Set<String> NEEDS_TEXT = Set.of("Text", "HyperText", "Markdown");

    private static boolean isBlobUrl(Object value) {
        if (!(value instanceof String s)) {
            return false;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("s3://");
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? "'" + value + "'" : "'" + value.substring(0, 77) + "...'";
    }

    @Override
    public List<String> checkResult(LabelConfig config, List<Map<String, Object>> result) {
        List<String> problems = new ArrayList<>();
        if (result == null) {
            return problems;
        }
        for (int i = 0; i < result.size(); i++) {
            checkRegion(config, "result[" + i + "]", result.get(i), problems);
        }
        return problems;
    }

    /**
     * Controls whose results name the control itself in {@code to_name}, as Label Studio writes them: Pairwise
     * compares the two objects of its {@code toName} and answers for both at once.
     */
    private static final Set<String> SELF_NAMED_CONTROLS = Set.of("Pairwise");

    /** Object tags whose results name themselves in both {@code from_name} and {@code to_name} (the old Ranker). */
    private static final Set<String> SELF_NAMED_OBJECTS = Set.of("Ranker");

    private static void checkRegion(LabelConfig config, String where, Map<String, Object> region,
                                    List<String> problems) {
        if (region == null) {
            problems.add(where + " is null");
            return;
        }
        if ("relation".equals(region.get("type"))) {
            return;
        }
        Object fromName = region.get("from_name");
        Object toName = region.get("to_name");
        if (!(fromName instanceof String from) || !(toName instanceof String to)) {
            problems.add(where + " needs string from_name and to_name");
            return;
        }
        Optional<ControlTag> found = config.control(from);
        if (found.isEmpty() && from.equals(to) && config.dataKeys().values().stream()
                .anyMatch(tag -> tag.name().equals(from) && SELF_NAMED_OBJECTS.contains(tag.type()))) {
            // the Ranker object tag's result names the tag itself
            return;
        }
        if (found.isEmpty()) {
            problems.add(where + ": from_name '" + from + "' is not a control of the labeling config (controls: "
                    + String.join(", ", config.controls().stream().map(ControlTag::name).toList()) + ")");
            return;
        }
        ControlTag control = found.get();
        boolean selfNamed = SELF_NAMED_CONTROLS.contains(control.type()) && to.equals(from);
        if (!control.toNames().contains(to) && !selfNamed) {
            problems.add(where + ": to_name '" + to + "' is not labeled by '" + from + "' (it labels "
                    + String.join(", ", control.toNames()) + ")");
        }
        Object value = region.get("value");
        if (value != null && !(value instanceof Map)) {
            problems.add(where + ": value must be an object");
            return;
        }
        if (value == null || !control.hasFixedLabels()) {
            return;
        }
        Map<?, ?> values = (Map<?, ?>) value;
        Object chosen = values.get(control.resultType());
        if (chosen == null && region.get("type") instanceof String type) {
            chosen = values.get(type);
        }
        if (chosen == null) {
            return;
        }
        List<Object> flat = new ArrayList<>();
        flatten(chosen, flat);
        for (Object label : flat) {
            if (!(label instanceof String) || !control.labels().contains(label)) {
                problems.add(where + ": '" + label + "' is not a value of '" + from + "' (values: "
                        + control.labels().stream().distinct().collect(Collectors.joining(", ")) + ")");
            }
        }
    }

    private static void flatten(Object value, List<Object> into) {
        if (value instanceof List<?> list) {
            list.forEach(v -> flatten(v, into));
        } else {
            into.add(value);
        }
    }

    @Override
    public Map<String, Object> sampleData(LabelConfig config) {
        Map<String, Object> data = new LinkedHashMap<>();
        config.dataKeys().forEach((key, tag) -> data.put(key, SampleValues.forTag(tag)));
        return data;
    }
}
