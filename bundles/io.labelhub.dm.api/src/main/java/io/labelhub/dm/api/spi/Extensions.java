package io.labelhub.dm.api.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The extensions of one kind that are registered right now, for a consumer that binds them MULTIPLE/DYNAMIC: add in
 * the bind method, remove in the unbind method. Safe for concurrent use; readers always see a consistent list.
 * Where two extensions claim the same key (a name, a file extension), {@link Extension#PRECEDENCE} decides.
 */
public final class Extensions<S> {

    private final String nameProperty;
    private final List<Extension<S>> registered = new CopyOnWriteArrayList<>();

    /** @param nameProperty the service property that names an extension of this kind, e.g. {@code format} */
    public Extensions(String nameProperty) {
        this.nameProperty = nameProperty;
    }

    /** Adds a service as DS binds it; answers the extension, or null when it has no name and is not used. */
    public Extension<S> add(S service, Map<String, ?> properties) {
        Extension<S> extension = Extension.of(service, properties, nameProperty);
        if (extension != null) {
            registered.add(extension);
        }
        return extension;
    }

    /** Removes a service as DS unbinds it. */
    public void remove(S service) {
        registered.removeIf(e -> e.service() == service);
    }

    /** Every registered extension, the winners of each name first ({@link Extension#PRECEDENCE}). */
    public List<Extension<S>> all() {
        List<Extension<S>> all = new ArrayList<>(registered);
        all.sort(Extension.PRECEDENCE);
        return all;
    }

    /** The extension that serves {@code name}, by the rule. */
    public Optional<S> named(String name) {
        return all().stream().filter(e -> e.name().equals(name)).findFirst().map(Extension::service);
    }

    /** The names of the registered extensions, each once, sorted. */
    public List<String> names() {
        return all().stream().map(Extension::name).distinct().sorted().toList();
    }

    /**
     * For extensions that claim keys (an import format its file extensions): each key with the one extension that
     * serves it, by the rule. Keys in the order of the winners.
     */
    public Map<String, Extension<S>> byKey(Function<S, ? extends Collection<String>> keys) {
        Map<String, Extension<S>> winners = new LinkedHashMap<>();
        for (Extension<S> extension : all()) {
            for (String key : keys.apply(extension.service())) {
                winners.putIfAbsent(key, extension);
            }
        }
        return winners;
    }
}
