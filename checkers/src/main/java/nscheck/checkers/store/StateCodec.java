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
 * collapsed, as SPIN's COLLAPSE compression does: stored once in a {@link ComponentTable} of
 * distinct components, keyed by its own bytes, and written into a state as its number there. A
 * kernel state is then a few dozen bytes, and decoding it is a few table lookups (its components
 * are the shared table objects, as in the successors the spec builds). Two objects get one number
 * only if their bytes, all their fields, are equal; so within one codec a state's bytes are
 * canonical (equal states, equal bytes) and {@link #fingerprint} of them is a fingerprint.
 *
 * <p>Why it is cheap: a successor shares every component its step did not change with the state
 * it came from, and those are the table's own objects that {@link #decode} handed out. Each thread
 * remembers, by identity, the components of the state it decoded last and those it numbered since
 * (a small open-addressing table, cleared at each decode), so an unchanged component costs one
 * identity probe; a changed one is written into a per-thread buffer and looked up in the table
 * without allocating.
 *
 * <p>Transient fields are skipped: the spec marks so the digests it memoises in an immutable
 * object (computed on first use from the other fields), which a decoded object recomputes.
 *
 * <p>Every reference is written as a class tag (0 for null), so no field's declared type needs to
 * be final. Tags are numbered in the order classes are met; {@link #classNames()} lists them.
 * Thread-safe.
 */
public final class StateCodec {
    private static final int NULL = 0;
    /** Every {@link java.util.List} implementation of the JDK shares one tag: lists are compared by content. */
    private static final int LIST = 1;
    private static final Object UNSAFE = unsafe();
    private static final MethodHandle ALLOCATE = unsafeHandle("allocateInstance", Object.class, Class.class);
    /*
     * A value class's fields are read at their offsets (static final handles, so the JIT inlines them
     * into plain loads): reflection's Field.get costs a virtual call and a type check a field, and
     * encoding is most of a successor's cost. Records refuse objectFieldOffset; they keep Field.
     */
    private static final MethodHandle OFFSET = unsafeHandle("objectFieldOffset", long.class, Field.class);
    private static final MethodHandle GET_INT = unsafeHandle("getInt", int.class, Object.class, long.class);
    private static final MethodHandle GET_LONG = unsafeHandle("getLong", long.class, Object.class, long.class);
    private static final MethodHandle GET_BOOLEAN = unsafeHandle("getBoolean", boolean.class, Object.class, long.class);
    private static final MethodHandle GET_OBJECT = unsafeHandle("getObject", Object.class, Object.class, long.class);
    /* And written at them when a state is decoded: Field.set costs as much as Field.get, and a level's every state is decoded. */
    private static final MethodHandle PUT_INT = unsafeHandle("putInt", void.class, Object.class, long.class, int.class);
    private static final MethodHandle PUT_LONG = unsafeHandle("putLong", void.class, Object.class, long.class, long.class);
    private static final MethodHandle PUT_BOOLEAN = unsafeHandle("putBoolean", void.class, Object.class, long.class, boolean.class);
    private static final MethodHandle PUT_OBJECT = unsafeHandle("putObject", void.class, Object.class, long.class, Object.class);

    private static final int K_INT = 0, K_LONG = 1, K_BOOLEAN = 2, K_BYTE = 3, K_SHORT = 4, K_CHAR = 5, K_DOUBLE = 6,
            K_FLOAT = 7, K_REF = 8;

    private final Map<Class<?>, Integer> tags = new ConcurrentHashMap<>();
    /** Copied on write (a class is met a handful of times per run), so readers on every worker take no lock. */
    private volatile Shape[] byTag = {null, null};
    private final ClassValue<Shape> shapes = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            int tag = tagOf(type); // first: it may grow byTag
            return byTag[tag];
        }
    };

    /**
     * The shapes of the classes met last, direct-mapped by the class's identity hash: a state's few
     * classes are written over and over, and a ClassValue lookup is several dependent loads (its
     * map, its cache, a weak entry) where this is one load and one compare. Entries are immutable,
     * so a racy write publishes a whole one.
     */
    private final ShapeOf[] recent = new ShapeOf[64];

    private record ShapeOf(Class<?> type, Shape shape) {}

    private Shape shapeOf(Class<?> type) {
        int i = System.identityHashCode(type) & (64 - 1);
        ShapeOf r = recent[i];
        if (r != null && r.type == type) return r.shape;
        Shape shape = shapes.get(type);
        recent[i] = new ShapeOf(type, shape);
        return shape;
    }

    private final ComponentTable table = new ComponentTable();
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    public StateCodec() {
        byTag = new Shape[] {null, new Shape(LIST)};
    }

    /** Distinct components stored so far. */
    public int components() {
        return table.size();
    }

    /**
     * For a checkpoint: the classes by tag and the components by number, so that another run's
     * codec ({@link #readTable}) decodes this run's bytes. Call while no thread encodes.
     */
    public void writeTable(java.io.DataOutputStream out) throws java.io.IOException {
        List<String> names = classNames();
        out.writeInt(names.size());
        for (String n : names) out.writeUTF(n);
        int n = table.size();
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            byte[] b = table.bytes(i);
            out.writeInt(b.length);
            out.write(b);
        }
    }

    /** Reads {@link #writeTable}'s output into a fresh codec. */
    public void readTable(java.io.DataInputStream in) throws java.io.IOException {
        if (table.size() > 0 || byTag.length > 2) throw new IllegalStateException("the codec is already in use");
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
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            int id = table.add(bytes, 0, bytes.length, (int) hash(bytes, 0, bytes.length), this::build);
            if (id != i) throw new java.io.IOException("component " + i + " is stored twice");
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
        Scratch x = scratch.get();
        Shape shape = shapeOf(state.getClass());
        out.writeVar(shape.tag);
        shape.writeBody(state, out, x);
    }

    /** A fingerprint of the state {@link #encode} wrote into {@code sink}: equal states of one codec, equal fingerprints. */
    public static long fingerprint(ByteSink sink) {
        return ByteHash.of(sink.buf, 0, sink.size);
    }

    @SuppressWarnings("unchecked")
    public <S> S decode(byte[] bytes, int offset) {
        return decode(new ByteSource(bytes, offset));
    }

    /**
     * The state whose bytes {@code in} is at. Its components are remembered (by this thread) as the
     * ones its successors will mostly share.
     */
    @SuppressWarnings("unchecked")
    public <S> S decode(ByteSource in) {
        Scratch x = scratch.get();
        x.memo.makeRoom();
        Shape shape = byTag[(int) in.readVar()];
        return (S) shape.readBody(in, x);
    }

    private void write(Object o, ByteSink out, Scratch x) {
        if (o == null) {
            out.writeByte(NULL);
            return;
        }
        Shape shape = shapeOf(o.getClass());
        out.writeVar(shape.tag);
        if (shape.kind == Shape.COMPONENT) out.writeVar(intern(o, shape, x));
        else shape.writeBody(o, out, x);
    }

    /** The number of component {@code o}: found by identity, else by its bytes, else a new entry. */
    private int intern(Object o, Shape shape, Scratch x) {
        int id = x.memo.get(o);
        if (id >= 0) return id;
        ByteSink bytes = x.sink();
        try {
            bytes.writeVar(shape.tag);
            shape.writeBody(o, bytes, x); // its own components first: they get smaller numbers
            int h = (int) hash(bytes.buf, 0, bytes.size);
            id = table.find(bytes.buf, 0, bytes.size, h);
            if (id < 0) id = table.add(bytes.buf, 0, bytes.size, h, this::build);
        } finally {
            x.release();
        }
        x.memo.put(o, id);
        return id;
    }

    private static long hash(byte[] b, int from, int length) {
        return ByteHash.of(b, from, length);
    }

    /** A component rebuilt from its bytes (tag first), so that it holds the table's own components and no private copies of them. */
    private Object build(byte[] key) {
        ByteSource in = new ByteSource(key, 0);
        Shape shape = byTag[(int) in.readVar()];
        return shape.readBody(in, null);
    }

    private Object read(ByteSource in, Scratch x) {
        int tag = (int) in.readVar();
        if (tag == NULL) return null;
        Shape shape = byTag[tag];
        if (shape.kind != Shape.COMPONENT) return shape.readBody(in, x);
        int id = (int) in.readVar();
        Object o = table.object(id);
        if (x != null) x.memo.put(o, id);
        return o;
    }

    private int tagOf(Class<?> type) {
        if (List.class.isAssignableFrom(type) && isJdk(type)) return LIST;
        Integer tag = tags.get(type);
        if (tag != null) return tag;
        synchronized (tags) {
            tag = tags.get(type);
            if (tag != null) return tag;
            int t = byTag.length;
            Shape shape = new Shape(type, t); // refuses a class it cannot encode before it gets a tag
            Shape[] grown = Arrays.copyOf(byTag, t + 1);
            grown[t] = shape;
            byTag = grown; // published before the tag, so whoever sees the tag finds the shape
            tags.put(type, t);
            return t;
        }
    }

    private static boolean isJdk(Class<?> type) {
        String n = type.getName();
        return n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.");
    }

    /** Per thread: the identity memo and the buffers components are written into (one per nesting depth). */
    private static final class Scratch {
        final IdentityMemo memo = new IdentityMemo();
        ByteSink[] sinks = new ByteSink[4];
        int depth;

        ByteSink sink() {
            if (depth == sinks.length) sinks = Arrays.copyOf(sinks, depth * 2);
            ByteSink s = sinks[depth];
            if (s == null) s = sinks[depth] = new ByteSink(256);
            depth++;
            s.reset();
            return s;
        }

        void release() {
            depth--;
        }
    }

    /** How one class is written: its kind and, for objects, its fields in a fixed order. */
    private final class Shape {
        static final int LIST_KIND = 0, ENUM = 1, ARRAY = 2, BOXED = 3, COMPONENT = 4;
        final int kind;
        final int tag;
        final Class<?> type;
        final Object[] constants;      // enum
        final Class<?> component;      // array
        final Field[] fields;          // record or value class
        final int[] fieldKinds;
        /** Per field, its offset for the unsafe reads; null for records. */
        final long[] offsets;
        final Constructor<?> canonical; // record

        /** The shape of every JDK list. */
        Shape(int tag) {
            this.kind = LIST_KIND;
            this.tag = tag;
            this.type = List.class;
            this.constants = null;
            this.component = null;
            this.fields = null;
            this.fieldKinds = null;
            this.offsets = null;
            this.canonical = null;
        }

        Shape(Class<?> type, int tag) {
            this.type = type;
            this.tag = tag;
            Object[] constants = null;
            Class<?> component = null;
            Field[] fields = null;
            Constructor<?> canonical = null;
            int kind;
            if (type.isEnum() || (type.getSuperclass() != null && type.getSuperclass().isEnum())) {
                kind = ENUM;
                constants = (type.isEnum() ? type : type.getSuperclass()).getEnumConstants();
            } else if (type.isArray()) {
                kind = ARRAY;
                component = type.getComponentType();
                if (component.isPrimitive() && component != int.class && component != long.class && component != byte.class
                        && component != boolean.class && component != short.class && component != char.class)
                    throw new IllegalArgumentException("cannot encode a " + type.getName());
            } else if (type == Integer.class || type == Long.class || type == Boolean.class || type == String.class
                    || type == Byte.class || type == Short.class || type == Character.class) {
                kind = BOXED; // written by value below
            } else if (isJdk(type)) {
                throw new IllegalArgumentException("cannot encode a state holding a " + type.getName()
                        + ": give the spec's state a list, an array or a record instead");
            } else if (type.isRecord()) {
                kind = COMPONENT;
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
                kind = COMPONENT;
                List<Field> all = new ArrayList<>();
                for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                    Field[] declared = c.getDeclaredFields();
                    Arrays.sort(declared, Comparator.comparing(Field::getName));
                    for (Field f : declared) {
                        // A transient field is a memo of the others (a digest the spec computes on
                        // first use, 0 until then): not state, and left 0 in a decoded object.
                        if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())) continue;
                        f.setAccessible(true);
                        all.add(f);
                    }
                }
                fields = all.toArray(new Field[0]);
            }
            this.kind = kind;
            this.constants = constants;
            this.component = component;
            this.fields = fields;
            this.canonical = canonical;
            long[] offsets = null;
            if (fields == null) {
                this.fieldKinds = null;
            } else {
                this.fieldKinds = new int[fields.length];
                for (int i = 0; i < fields.length; i++) fieldKinds[i] = kindOf(fields[i].getType());
                if (canonical == null) {
                    offsets = new long[fields.length];
                    for (int i = 0; i < fields.length; i++) {
                        offsets[i] = offset(fields[i]);
                        if (offsets[i] < 0) {
                            offsets = null;
                            break;
                        }
                    }
                }
            }
            this.offsets = offsets;
        }

        void writeBody(Object o, ByteSink out, Scratch x) {
            try {
                switch (kind) {
                    case COMPONENT:
                        if (offsets != null) {
                            for (int i = 0; i < fields.length; i++) writeAt(fieldKinds[i], offsets[i], fields[i], o, out, x);
                        } else {
                            for (int i = 0; i < fields.length; i++) writeField(fieldKinds[i], fields[i], o, out, x);
                        }
                        break;
                    case LIST_KIND: {
                        List<?> list = (List<?>) o;
                        int n = list.size();
                        out.writeVar(n);
                        for (int i = 0; i < n; i++) StateCodec.this.write(list.get(i), out, x);
                        break;
                    }
                    case ENUM:
                        out.writeVar(((Enum<?>) o).ordinal());
                        break;
                    case ARRAY:
                        writeArray(o, out, x);
                        break;
                    default:
                        writeBoxed(o, out);
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        private void writeAt(int k, long at, Field f, Object o, ByteSink out, Scratch x) throws Throwable {
            switch (k) {
                case K_INT: out.writeSigned((int) GET_INT.invokeExact(o, at)); break;
                case K_REF: StateCodec.this.write((Object) GET_OBJECT.invokeExact(o, at), out, x); break;
                case K_BOOLEAN: out.writeByte((boolean) GET_BOOLEAN.invokeExact(o, at) ? 1 : 0); break;
                case K_LONG: out.writeSigned((long) GET_LONG.invokeExact(o, at)); break;
                default: writeField(k, f, o, out, x);
            }
        }

        Object readBody(ByteSource in, Scratch x) {
            try {
                switch (kind) {
                    case LIST_KIND: {
                        int n = (int) in.readVar();
                        // Most decoded lists are empty (a signal queue, a robust list, an fd table): one shared list
                        // whose iterator is a shared one too; an unmodifiable wrapper allocates two per loop over it.
                        if (n == 0) return Collections.emptyList();
                        Object[] elements = new Object[n];
                        for (int i = 0; i < elements.length; i++) elements[i] = StateCodec.this.read(in, x);
                        // Not List.of: its contains(null) throws, and the spec may ask.
                        return Collections.unmodifiableList(Arrays.asList(elements));
                    }
                    case ENUM:
                        return constants[(int) in.readVar()];
                    case ARRAY:
                        return readArray(in, x);
                    case BOXED:
                        return readBoxed(in);
                    default:
                        break;
                }
                if (canonical != null) {
                    Object[] args = new Object[fields.length];
                    for (int i = 0; i < fields.length; i++) args[i] = readValue(fieldKinds[i], in, x);
                    return canonical.newInstance(args);
                }
                Object o = (Object) ALLOCATE.invokeExact(type);
                if (offsets != null) {
                    for (int i = 0; i < fields.length; i++) readAt(fieldKinds[i], offsets[i], fields[i], o, in, x);
                } else {
                    for (int i = 0; i < fields.length; i++) readField(fieldKinds[i], fields[i], o, in, x);
                }
                return o;
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("cannot rebuild a " + type.getName(), e);
            }
        }

        private void writeField(int k, Field f, Object o, ByteSink out, Scratch x) throws IllegalAccessException {
            switch (k) {
                case K_INT: out.writeSigned(f.getInt(o)); break;
                case K_REF: StateCodec.this.write(f.get(o), out, x); break;
                case K_BOOLEAN: out.writeByte(f.getBoolean(o) ? 1 : 0); break;
                case K_LONG: out.writeSigned(f.getLong(o)); break;
                case K_BYTE: out.writeSigned(f.getByte(o)); break;
                case K_SHORT: out.writeSigned(f.getShort(o)); break;
                case K_CHAR: out.writeVar(f.getChar(o)); break;
                case K_DOUBLE: out.writeVar(Double.doubleToRawLongBits(f.getDouble(o))); break;
                default: out.writeVar(Float.floatToRawIntBits(f.getFloat(o)));
            }
        }

        private void readAt(int k, long at, Field f, Object o, ByteSource in, Scratch x) throws Throwable {
            switch (k) {
                case K_INT: PUT_INT.invokeExact(o, at, (int) in.readSigned()); break;
                case K_REF: PUT_OBJECT.invokeExact(o, at, StateCodec.this.read(in, x)); break;
                case K_BOOLEAN: PUT_BOOLEAN.invokeExact(o, at, in.readByte() != 0); break;
                case K_LONG: PUT_LONG.invokeExact(o, at, in.readSigned()); break;
                default: readField(k, f, o, in, x);
            }
        }

        private void readField(int k, Field f, Object o, ByteSource in, Scratch x) throws IllegalAccessException {
            switch (k) {
                case K_INT: f.setInt(o, (int) in.readSigned()); break;
                case K_REF: f.set(o, StateCodec.this.read(in, x)); break;
                case K_BOOLEAN: f.setBoolean(o, in.readByte() != 0); break;
                default: f.set(o, readValue(k, in, x));
            }
        }

        private Object readValue(int k, ByteSource in, Scratch x) {
            switch (k) {
                case K_INT: return (int) in.readSigned();
                case K_LONG: return in.readSigned();
                case K_BOOLEAN: return in.readByte() != 0;
                case K_BYTE: return (byte) in.readSigned();
                case K_SHORT: return (short) in.readSigned();
                case K_CHAR: return (char) in.readVar();
                case K_DOUBLE: return Double.longBitsToDouble(in.readVar());
                case K_FLOAT: return Float.intBitsToFloat((int) in.readVar());
                default: return StateCodec.this.read(in, x);
            }
        }

        private void writeArray(Object a, ByteSink out, Scratch x) {
            if (component == byte.class) {
                byte[] v = (byte[]) a;
                out.writeVar(v.length);
                out.writeSignedBytes(v);
            } else if (component == int.class) {
                int[] v = (int[]) a;
                out.writeVar(v.length);
                for (int e : v) out.writeSigned(e);
            } else if (!component.isPrimitive()) {
                Object[] v = (Object[]) a;
                out.writeVar(v.length);
                for (Object e : v) StateCodec.this.write(e, out, x);
            } else {
                out.writeVar(Array.getLength(a));
                if (component == long.class) for (long v : (long[]) a) out.writeSigned(v);
                else if (component == boolean.class) for (boolean v : (boolean[]) a) out.writeByte(v ? 1 : 0);
                else if (component == short.class) for (short v : (short[]) a) out.writeSigned(v);
                else for (char v : (char[]) a) out.writeVar(v);
            }
        }

        private Object readArray(ByteSource in, Scratch x) {
            int n = (int) in.readVar();
            if (component == byte.class) {
                byte[] a = new byte[n];
                in.readSignedBytes(a);
                return a;
            }
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
            for (int i = 0; i < n; i++) a[i] = StateCodec.this.read(in, x);
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

    private static int kindOf(Class<?> t) {
        if (t == int.class) return K_INT;
        if (t == long.class) return K_LONG;
        if (t == boolean.class) return K_BOOLEAN;
        if (t == byte.class) return K_BYTE;
        if (t == short.class) return K_SHORT;
        if (t == char.class) return K_CHAR;
        if (t == double.class) return K_DOUBLE;
        if (t == float.class) return K_FLOAT;
        return K_REF;
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

    private static Object unsafe() {
        try {
            Field theUnsafe = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            return theUnsafe.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * sun.misc.Unsafe's method, bound. Value classes have no constructor that takes every field
     * (some are derived, like a task's digest): allocateInstance, then set.
     */
    private static MethodHandle unsafeHandle(String name, Class<?> returns, Class<?>... params) {
        try {
            return MethodHandles.lookup().findVirtual(UNSAFE.getClass(), name, MethodType.methodType(returns, params)).bindTo(UNSAFE);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The field's offset for the GET_ handles, or -1 where only reflection may read it (records). */
    private static long offset(Field f) {
        if (f.getDeclaringClass().isRecord()) return -1;
        try {
            return (long) OFFSET.invokeExact(f);
        } catch (Throwable e) {
            return -1;
        }
    }
}
