package io.labelhub.dm.storage.jpa.internal.sql;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.labelhub.dm.api.io.RawJson;

/**
 * Stored JSON objects and lists that are parsed only when someone looks inside: an export that writes JSON passes
 * {@link RawJson#json()} through, formats that need the values get them on first access.
 */
public final class LazyJson {

    private LazyJson() {
    }

    public static Map<String, Object> object(String json) {
        return json == null ? null : new LazyObject(json);
    }

    public static List<Map<String, Object>> list(String json) {
        return new LazyList(json);
    }

    private static final class LazyObject extends AbstractMap<String, Object> implements RawJson {
        private final String json;
        private Map<String, Object> parsed;

        LazyObject(String json) {
            this.json = json;
        }

        private Map<String, Object> parsed() {
            if (parsed == null) {
                parsed = Json.readObject(json);
            }
            return parsed;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return parsed().entrySet();
        }

        @Override
        public Object get(Object key) {
            return parsed().get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return parsed().containsKey(key);
        }

        @Override
        public int size() {
            return parsed().size();
        }

        @Override
        public String json() {
            return json;
        }
    }

    private static final class LazyList extends AbstractList<Map<String, Object>> implements RawJson {
        private final String json;
        private List<Map<String, Object>> parsed;

        LazyList(String json) {
            this.json = json;
        }

        private List<Map<String, Object>> parsed() {
            if (parsed == null) {
                parsed = Json.readList(json);
            }
            return parsed;
        }

        @Override
        public Map<String, Object> get(int index) {
            return parsed().get(index);
        }

        @Override
        public int size() {
            return parsed().size();
        }

        @Override
        public String json() {
            return json;
        }
    }
}
