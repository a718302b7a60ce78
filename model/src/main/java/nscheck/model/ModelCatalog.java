package nscheck.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import nscheck.model.futex.FutexModelSource;
import nscheck.model.futex.FutexMutex;
import nscheck.model.futex.FutexMutexSource;
import nscheck.model.kernel.KernelModelSource;
import nscheck.model.kernel.ModelDefinition;
import nscheck.model.restore.RestoreModelSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The models nscheck knows: the files shipped in model/models/ (packaged as resources) and
 * any model file a user names by path.
 */
public final class ModelCatalog {
    /** The shipped model files, in the order `nscheck list` shows them. A test keeps this in step with model/models/. */
    public static final List<String> SHIPPED = List.of("pidns-basic", "pidns-init-death", "pidns-alloc", "pidns-large",
            "signals-siginfo", "signals-pgrp", "ipc-msg", "ipc-sem", "ipc-shm", "unix-creds", "userns-nproc", "userns-ids", "caps-pid-choice",
            "async-io-owner", "mqueue-notify", "pidfd-basic", "nsfs-files", "signals-forged",
            "kthreads-host", "sessions", "wait-status", "dispositions", "proc-views",
            "nsfs-names", "job-control",
            "socket-uids", "signal-handlers");

    /**
     * Models defined in code rather than in a file (their state is not a plain kernel: a user-space
     * protocol's program counters, a packed benchmark encoding). Listed after the files.
     */
    public static final List<Supplier<ModelSource>> CODE_MODELS = List.of(
            FutexModelSource::mutex, FutexModelSource::pi, FutexModelSource::piCrossNamespace,
            FutexModelSource::robust, FutexModelSource::robustCrossNamespace,
            () -> new FutexMutexSource(FutexMutex.Loop.ONCE),
            () -> new FutexMutexSource(FutexMutex.Loop.FOREVER),
            RestoreModelSource::migration);

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    /** Model files are a few KB; anything larger (or endless, like /dev/zero) is not one. */
    public static final long MAX_FILE_BYTES = 1 << 20;

    private ModelCatalog() {}

    public static List<ModelSource> shipped() {
        List<ModelSource> out = new ArrayList<>();
        for (String name : SHIPPED) out.add(named(name));
        for (Supplier<ModelSource> code : CODE_MODELS) out.add(code.get());
        return out;
    }

    /** A shipped model by name, or a model file by path (anything ending in .json or containing a '/'). */
    public static ModelSource find(String nameOrPath) {
        if (nameOrPath.endsWith(".json") || nameOrPath.contains("/")) return load(Path.of(nameOrPath));
        if (SHIPPED.contains(nameOrPath)) return named(nameOrPath);
        for (Supplier<ModelSource> code : CODE_MODELS) {
            ModelSource m = code.get();
            if (m.name().equals(nameOrPath)) return m;
        }
        throw new ModelException("unknown model '" + nameOrPath + "' (known: "
                + String.join(", ", shipped().stream().map(ModelSource::name).toList())
                + "; or give the path of a model file)");
    }

    private static ModelSource named(String name) {
        String resource = "/nscheck/models/" + name + ".json";
        try (InputStream in = ModelCatalog.class.getResourceAsStream(resource)) {
            if (in == null) throw new ModelException("shipped model " + name + " is missing from the build (" + resource + ")");
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new ModelException("cannot read shipped model " + name + ": " + e.getMessage());
        }
    }

    public static ModelSource load(Path file) {
        try {
            if (Files.exists(file) && !Files.isRegularFile(file))
                throw new ModelException("model file " + file + " is not a regular file");
            if (Files.size(file) > MAX_FILE_BYTES)
                throw new ModelException("model file " + file + " is " + Files.size(file) + " bytes; a model file is at most " + MAX_FILE_BYTES);
            return parse(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new ModelException("no such model file: " + file);
        } catch (IOException e) {
            throw new ModelException("cannot read model file " + file + ": " + e.getMessage());
        }
    }

    static ModelSource parse(String text, String where) {
        ModelDefinition def;
        try {
            def = JSON.readValue(text, ModelDefinition.class);
        } catch (JsonProcessingException e) {
            throw new ModelException("bad model file " + where + ": " + e.getOriginalMessage().lines().findFirst().orElse("")
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        }
        try {
            return new KernelModelSource(def);
        } catch (ModelException e) {
            throw new ModelException("bad model file " + where + ": " + e.getMessage());
        }
    }
}
