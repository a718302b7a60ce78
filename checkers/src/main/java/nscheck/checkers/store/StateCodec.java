package nscheck.checkers.store;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Packs a state of any model into bytes and back, generically: every instance field of the
 * state's classes (records, final value classes, enums, arrays, lists, boxed primitives, strings),
 * found by reflection, so a field the spec gains tomorrow is encoded without anyone touching this
 * class. What it cannot encode faithfully (a map, a set, a class of the JDK it does not know) it
 * refuses loudly, naming the field's class, rather than dropping it; {@code StateCodecTest}
 * round-trips every shipped model's reachable states.
 *
 * <p>The engines keep their frontier in this form and decode a state only to compute its
 * successors. Below the state itself every object (a task, a namespace, the IPC objects) is
 * collapsed, as SPIN's COLLAPSE compression does: stored once in a table of distinct components,
 * keyed by its own bytes, and written into a state as its number there. A kernel state is then a
 * few dozen bytes, decoding it is a few table lookups (its components are the shared table
 * objects, as in the successors the spec builds), and a component a step did not change is found
 * by identity without being encoded again. Two objects get one number only if their bytes, all
 * their fields, are equal.
 *
 * <p>Every reference is written as a class tag (0 for null), so no field's declared type needs to
 * be final. Tags are numbered in the order classes are met; {@link #classNames()} lists them.
 * Thread-safe.
 */
public final class StateCodec {
    private static final int NULL = 0;
    /** Every {@link java.util.List} implementation of the JDK shares one tag: lists are compared by content. */
    private static final int LIST = 1;
    private static final MethodHandle ALLOCATE = allocator();

    private final Map<Class<?>, Integer> tags = new ConcurrentHashMap<>();
    /** Copied on write (a class is met a handful of times per run), so readers on every worker take no lock. */
    private volatile Shape[] byTag = new Shape[2];

    /** Distinct components: by their bytes (class tag first), and by number. */
    private final Map<ByteKey, Integer> byBytes = new ConcurrentHashMap<>();
    private volatile Object[] components = new Object[1024];
    /** Each component's key, by number, for a checkpoint. */
    private ByteKey[] keys = new ByteKey[1024];
    private int componentCount;
    /** Per thread: components met lately, by identity, so an unchanged one is not encoded again. */
    private final ThreadLocal<IdentityHashMap<Object, Integer>> recent = ThreadLocal.withInitial(IdentityHashMap::new);

    public StateCodec() {}

    /** Distinct components stored so far. */
    public int components() {
        return componentCount;
    }

    /**
     * For a checkpoint: the classes by tag and the components by number, so that another run's
     * codec ({@link #readTable}) decodes this run's bytes. Call while no thread encodes.
     */
    public void writeTable(java.io.DataOutputStream out) throws java.io.IOException {
        List<String> names = classNames();
        out.writeInt(names.size());
        for (String n : names) out.writeUTF(n);
        out.writeInt(componentCount);
        for (int i = 0; i < componentCount; i++) {
            out.writeInt(keys[i].tag);
            out.writeInt(keys[i].bytes.length);
            out.write(keys[i].bytes);
        }
    }

    /** Reads {@link #writeTable}'s output into a fresh codec. */
    public void readTable(java.io.DataInputStream in) throws java.io.IOException {
        if (componentCount > 0 || byTag.length > 2) throw new IllegalStateException("the codec is already in use");
        int classes = in.readInt();
        for (int i = 0; i < classes; i++) {
            String name = in.readUTF();
            try {
                if (tagOf(Class.forName(name)) != i + 2) throw new java.io.IOException("class " + name + " out of order");
            } catch (ClassNotFoundException e) {
                throw new java.io.IOException("the checkpoint names class " + name + ", which this build does not have", e);
            }
        }
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            int tag = in.readInt();
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            ByteKey key = new ByteKey(tag, bytes);
            Object[] table = components;
            if (i == table.length) table = Arrays.copyOf(table, i * 2);
            table[i] = byTag[tag].read(new ByteSource(bytes, 0));
            components = table;
            if (i == keys.length) keys = Arrays.copyOf(keys, i * 2);
            keys[i] = key;
            byBytes.put(key, i);
            componentCount = i + 1;
        }
    }

    /** The classes met so far, in tag order (from tag 2). */
    public List<String> classNames() {
        List<String> out = new ArrayList<>();
        Shape[] shapes = byTag;
        for (int i = 2; i < shapes.length; i++) out.add(shapes[i].type.getName());
        return out;
    }

    public byte[] encode(Object state) {
        ByteSink out = new ByteSink(256);
        encode(state, out);
        return out.toArray();
    }

    /** The state's own fields inline, its components by number. */
    public void encode(Object state, ByteSink out) {
        if (state instanceof List<?> && state.getClass().getName().startsWith("java.")) {
            write(state, out);
            return;
        }
        int tag = tagOf(state.getClass());
        out.writeVar(tag);
        byTag[tag].write(state, out);
    }

    @SuppressWarnings("unchecked")
    public <S> S decode(byte[] bytes, int offset) {
        return decode(new ByteSource(bytes, offset));
    }

    @SuppressWarnings("unchecked")
    public <S> S decode(ByteSource in) {
        int tag = (int) in.readVar();
        if (tag == LIST) return (S) readList(in);
        return (S) byTag[tag].read(in);
    }

    private void write(Object o, ByteSink out) {
        if (o == null) {
            out.writeByte(NULL);
            return;
        }
        if (o instanceof List<?> list && o.getClass().getName().startsWith("java.")) {
            out.writeByte(LIST);
            out.writeVar(list.size());
            for (Object e : list) write(e, out);
            return;
        }
        int tag = tagOf(o.getClass());
        out.writeVar(tag);
        Shape shape = byTag[tag];
        if (shape.collapsed()) out.writeVar(intern(o, shape, tag));
        else shape.write(o, out);
    }

    /** The number of component {@code o}: found by identity, else by its bytes, else a new entry. */
    private int intern(Object o, Shape shape, int tag) {
        IdentityHashMap<Object, Integer> mine = recent.get();
        Integer id = mine.get(o);
        if (id != null) return id;
        ByteSink bytes = new ByteSink(64);
        shape.write(o, bytes); // its own components first: they get smaller numbers
        ByteKey key = new ByteKey(tag, bytes.toArray());
        id = byBytes.get(key);
        if (id == null) {
            synchronized (byBytes) {
                id = byBytes.get(key);
                if (id == null) {
                    id = componentCount;
                    Object[] table = components;
                    if (id == table.length) table = Arrays.copyOf(table, id * 2);
                    // Rebuilt from the bytes, so that it holds the table's own components and no private copies of them.
                    table[id] = shape.read(new ByteSource(key.bytes, 0));
                    if (id == keys.length) keys = Arrays.copyOf(keys, id * 2);
                    keys[id] = key;
                    components = table; // published before the number is
                    componentCount = id + 1;
                    byBytes.put(key, id);
                }
            }
        }
        if (mine.size() > 1 << 16) mine.clear();
        mine.put(o, id);
        return id;
    }

    private Object component(int id) {
        Object o = components[id];
        if (o == null) {
            synchronized (byBytes) {
                o = components[id];
            }
        }
        return o;
    }

    /** A component's class and bytes as a map key. */
    private static final class ByteKey {
        final int tag;
        final byte[] bytes;
        final int hash;

        ByteKey(int tag, byte[] bytes) {
            this.tag = tag;
            this.bytes = bytes;
            this.hash = 31 * Arrays.hashCode(bytes) + tag;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ByteKey k && k.hash == hash && k.tag == tag && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private Object read(ByteSource in) {
        int tag = (int) in.readVar();
        if (tag == NULL) return null;
        if (tag == LIST) return readList(in);
        Shape shape = byTag[tag];
        return shape.collapsed() ? component((int) in.readVar()) : shape.read(in);
    }

    private List<Object> readList(ByteSource in) {
        Object[] elements = new Object[(int) in.readVar()];
        for (int i = 0; i < elements.length; i++) elements[i] = read(in);
        // Not List.of: its contains(null) throws, and the spec may ask.
        return Collections.unmodifiableList(Arrays.asList(elements));
    }

    private int tagOf(Class<?> type) {
        Integer tag = tags.get(type);
        if (tag != null) return tag;
        synchronized (tags) {
            tag = tags.get(type);
            if (tag != null) return tag;
            Shape shape = new Shape(type); // refuses a class it cannot encode before it gets a tag
            Shape[] grown = Arrays.copyOf(byTag, byTag.length + 1);
            grown[byTag.length] = shape;
            byTag = grown; // published before the tag, so whoever sees the tag finds the shape
            tags.put(type, byTag.length - 1);
            return byTag.length - 1;
        }
    }

    /** How one class is written: its kind and, for objects, its fields in a fixed order. */
    private final class Shape {
        final Class<?> type;
        final Object[] constants;      // enum
        final Class<?> component;      // array
        final Field[] fields;          // record or value class
        final Constructor<?> canonical; // record

        /** Objects with fields (records and value classes) are collapsed into the component table. */
        boolean collapsed() {
            return fields != null;
        }

        Shape(Class<?> type) {
            this.type = type;
            Object[] constants = null;
            Class<?> component = null;
            Field[] fields = null;
            Constructor<?> canonical = null;
            if (type.isEnum() || (type.getSuperclass() != null && type.getSuperclass().isEnum())) {
                constants = (type.isEnum() ? type : type.getSuperclass()).getEnumConstants();
            } else if (type.isArray()) {
                component = type.getComponentType();
            } else if (type == Integer.class || type == Long.class || type == Boolean.class || type == String.class
                    || type == Byte.class || type == Short.class || type == Character.class) {
                // written by value below
            } else if (type.getName().startsWith("java.") || type.getName().startsWith("javax.") || type.getName().startsWith("jdk.")) {
                throw new IllegalArgumentException("cannot encode a state holding a " + type.getName()
                        + ": give the spec's state a list, an array or a record instead");
            } else if (type.isRecord()) {
                RecordComponent[] rc = type.getRecordComponents();
                Class<?>[] types = new Class<?>[rc.length];
                fields = new Field[rc.length];
                for (int i = 0; i < rc.length; i++) {
                    types[i] = rc[i].getType();
                    fields[i] = field(type, rc[i].getName());
                }
                try {
                    canonical = type.getDeclaredConstructor(types);
                    canonical.setAccessible(true);
                } catch (NoSuchMethodException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                List<Field> all = new ArrayList<>();
                for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                    Field[] declared = c.getDeclaredFields();
                    Arrays.sort(declared, Comparator.comparing(Field::getName));
                    for (Field f : declared) {
                        if (Modifier.isStatic(f.getModifiers())) continue;
                        f.setAccessible(true);
                        all.add(f);
                    }
                }
                fields = all.toArray(new Field[0]);
            }
            this.constants = constants;
            this.component = component;
            this.fields = fields;
            this.canonical = canonical;
        }

        void write(Object o, ByteSink out) {
            try {
                if (constants != null) out.writeVar(((Enum<?>) o).ordinal());
                else if (component != null) writeArray(o, out);
                else if (fields == null) writeBoxed(o, out);
                else for (Field f : fields) writeField(f, o, out);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        Object read(ByteSource in) {
            try {
                if (constants != null) return constants[(int) in.readVar()];
                if (component != null) return readArray(in);
                if (fields == null) return readBoxed(in);
                if (canonical != null) {
                    Object[] args = new Object[fields.length];
                    for (int i = 0; i < fields.length; i++) args[i] = readValue(fields[i].getType(), in);
                    return canonical.newInstance(args);
                }
                Object o = (Object) ALLOCATE.invokeExact(type);
                for (Field f : fields) readField(f, o, in);
                return o;
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("cannot rebuild a " + type.getName(), e);
            }
        }

        private void writeField(Field f, Object o, ByteSink out) throws IllegalAccessException {
            Class<?> t = f.getType();
            if (t == int.class) out.writeSigned(f.getInt(o));
            else if (t == long.class) out.writeSigned(f.getLong(o));
            else if (t == boolean.class) out.writeByte(f.getBoolean(o) ? 1 : 0);
            else if (t == byte.class) out.writeSigned(f.getByte(o));
            else if (t == short.class) out.writeSigned(f.getShort(o));
            else if (t == char.class) out.writeVar(f.getChar(o));
            else if (t == double.class) out.writeVar(Double.doubleToRawLongBits(f.getDouble(o)));
            else if (t == float.class) out.writeVar(Float.floatToRawIntBits(f.getFloat(o)));
            else StateCodec.this.write(f.get(o), out);
        }

        private void readField(Field f, Object o, ByteSource in) throws IllegalAccessException {
            Class<?> t = f.getType();
            if (t == int.class) f.setInt(o, (int) in.readSigned());
            else if (t == long.class) f.setLong(o, in.readSigned());
            else if (t == boolean.class) f.setBoolean(o, in.readByte() != 0);
            else if (t.isPrimitive()) f.set(o, readValue(t, in));
            else f.set(o, StateCodec.this.read(in));
        }

        private Object readValue(Class<?> t, ByteSource in) {
            if (t == int.class) return (int) in.readSigned();
            if (t == long.class) return in.readSigned();
            if (t == boolean.class) return in.readByte() != 0;
            if (t == byte.class) return (byte) in.readSigned();
            if (t == short.class) return (short) in.readSigned();
            if (t == char.class) return (char) in.readVar();
            if (t == double.class) return Double.longBitsToDouble(in.readVar());
            if (t == float.class) return Float.intBitsToFloat((int) in.readVar());
            return StateCodec.this.read(in);
        }

        private void writeArray(Object a, ByteSink out) {
            int n = Array.getLength(a);
            out.writeVar(n);
            if (component == int.class) for (int v : (int[]) a) out.writeSigned(v);
            else if (component == long.class) for (long v : (long[]) a) out.writeSigned(v);
            else if (component == byte.class) for (byte v : (byte[]) a) out.writeSigned(v);
            else if (component == boolean.class) for (boolean v : (boolean[]) a) out.writeByte(v ? 1 : 0);
            else if (component == short.class) for (short v : (short[]) a) out.writeSigned(v);
            else if (component == char.class) for (char v : (char[]) a) out.writeVar(v);
            else if (component.isPrimitive()) throw new IllegalArgumentException("cannot encode a " + type.getName());
            else for (Object e : (Object[]) a) StateCodec.this.write(e, out);
        }

        private Object readArray(ByteSource in) {
            int n = (int) in.readVar();
            if (component == int.class) {
                int[] a = new int[n];
                for (int i = 0; i < n; i++) a[i] = (int) in.readSigned();
                return a;
            }
            if (component == long.class) {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) a[i] = in.readSigned();
                return a;
            }
            if (component == byte.class) {
                byte[] a = new byte[n];
                for (int i = 0; i < n; i++) a[i] = (byte) in.readSigned();
                return a;
            }
            if (component == boolean.class) {
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) a[i] = in.readByte() != 0;
                return a;
            }
            if (component == short.class) {
                short[] a = new short[n];
                for (int i = 0; i < n; i++) a[i] = (short) in.readSigned();
                return a;
            }
            if (component == char.class) {
                char[] a = new char[n];
                for (int i = 0; i < n; i++) a[i] = (char) in.readVar();
                return a;
            }
            Object[] a = (Object[]) Array.newInstance(component, n);
            for (int i = 0; i < n; i++) a[i] = StateCodec.this.read(in);
            return a;
        }

        private void writeBoxed(Object o, ByteSink out) {
            if (o instanceof Boolean b) out.writeByte(b ? 1 : 0);
            else if (o instanceof Character c) out.writeVar(c);
            else if (o instanceof String s) {
                out.writeVar(s.length());
                for (int i = 0; i < s.length(); i++) out.writeVar(s.charAt(i));
            } else out.writeSigned(((Number) o).longValue());
        }

        private Object readBoxed(ByteSource in) {
            if (type == Boolean.class) return in.readByte() != 0;
            if (type == Character.class) return (char) in.readVar();
            if (type == String.class) {
                char[] c = new char[(int) in.readVar()];
                for (int i = 0; i < c.length; i++) c[i] = (char) in.readVar();
                return new String(c);
            }
            long v = in.readSigned();
            if (type == Integer.class) return (int) v;
            if (type == Long.class) return v;
            if (type == Short.class) return (short) v;
            return (byte) v;
        }
    }

    private static Field field(Class<?> type, String name) {
        try {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Value classes have no constructor that takes every field (some are derived, like a task's digest): allocate, then set. */
    private static MethodHandle allocator() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            return MethodHandles.lookup()
                    .findVirtual(unsafeClass, "allocateInstance", MethodType.methodType(Object.class, Class.class))
                    .bindTo(theUnsafe.get(null));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
