package io.swapdesk.chains.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swapdesk.platform.EvmAddress;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeDecoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.protocol.core.methods.response.AbiDefinition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A contract compiled by the build from {@code src/main/solidity} (see the module's pom), read from
 * the classpath.
 *
 * <p>Convention: contract {@code Foo} is declared in {@code Foo.sol}; solcjs then writes
 * {@code Foo_sol_Foo.bin} and {@code Foo_sol_Foo.abi} under {@value #RESOURCE_FOLDER}.
 *
 * @param name     the contract name, e.g. {@code TestToken}
 * @param bytecode creation bytecode as hex, without {@code 0x}
 * @param abi      the ABI as JSON text
 */
public record ContractArtifact(String name, String bytecode, String abi) {

    static final String RESOURCE_FOLDER = "/io/swapdesk/chains/contracts/";
    private static final Pattern CONTRACT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2})+");

    public ContractArtifact {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bytecode, "bytecode");
        Objects.requireNonNull(abi, "abi");
        if (!HEX.matcher(bytecode).matches()) {
            throw new IllegalArgumentException("bytecode of " + name + " must be non-empty hex without 0x");
        }
    }

    /**
     * Loads a compiled contract by name.
     *
     * @throws IllegalArgumentException when the build produced no such contract
     */
    public static ContractArtifact load(String contractName) {
        if (contractName == null || !CONTRACT_NAME.matcher(contractName).matches()) {
            throw new IllegalArgumentException("contract name must be a Solidity identifier; got " + contractName);
        }
        String base = RESOURCE_FOLDER + contractName + "_sol_" + contractName;
        return new ContractArtifact(contractName, resource(contractName, base + ".bin").strip(),
                resource(contractName, base + ".abi"));
    }

    /**
     * ABI-encodes constructor arguments given as text, in declaration order: integers in decimal
     * (or hex with {@code 0x}), {@code true}/{@code false}, addresses as {@code 0x…}, bytes as hex,
     * strings as they are. Arrays and tuples are not supported.
     *
     * @return the encoded arguments as hex without {@code 0x}, to append to {@link #bytecode()}
     * @throws IllegalArgumentException when the count or a value does not fit the constructor
     */
    @SuppressWarnings("rawtypes") // web3j's encoder takes a List of raw Type
    public String encodeConstructorArguments(List<String> values) {
        List<AbiDefinition.NamedType> inputs = constructorInputs();
        if (inputs.size() != values.size()) {
            throw new IllegalArgumentException(name + "'s constructor takes " + inputs.size() + " argument(s) "
                    + describe(inputs) + "; got " + values.size());
        }
        List<Type> encoded = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            encoded.add(abiValue(inputs.get(i), values.get(i)));
        }
        return FunctionEncoder.encodeConstructor(encoded);
    }

    private List<AbiDefinition.NamedType> constructorInputs() {
        try {
            AbiDefinition[] definitions = ObjectMapperFactory.getObjectMapper().readValue(abi, AbiDefinition[].class);
            return Arrays.stream(definitions)
                    .filter(definition -> "constructor".equals(definition.getType()))
                    .findFirst()
                    .map(AbiDefinition::getInputs)
                    .orElse(List.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the ABI of " + name + " is not valid JSON", e);
        }
    }

    @SuppressWarnings("rawtypes") // TypeDecoder.instantiateType returns a raw Type
    private static Type abiValue(AbiDefinition.NamedType input, String text) {
        String type = input.getType();
        try {
            return TypeDecoder.instantiateType(type, javaValue(type, text));
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(cannotEncode(input, text) + ": " + e.getCause().getMessage(), e);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException(cannotEncode(input, text) + ": " + e.getMessage(), e);
        }
    }

    /** web3j would read a numeric String as hex ("10" as 16), so integers are converted here. */
    private static Object javaValue(String type, String text) {
        if (type.endsWith("]") || type.startsWith("tuple")) {
            throw new IllegalArgumentException("arrays and tuples are not supported");
        }
        if (type.startsWith("uint") || type.startsWith("int")) {
            return text.startsWith("0x") ? new BigInteger(text.substring(2), 16) : new BigInteger(text);
        }
        if (type.equals("bool")) {
            return switch (text) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("expected true or false");
            };
        }
        if (type.equals("address")) {
            return EvmAddress.parse(text).toChecksumString();
        }
        return text;
    }

    private static String cannotEncode(AbiDefinition.NamedType input, String text) {
        return "cannot encode \"" + text + "\" as " + input.getType() + " " + input.getName();
    }

    private static String describe(List<AbiDefinition.NamedType> inputs) {
        return inputs.stream().map(input -> input.getType() + " " + input.getName()).toList().toString();
    }

    private static String resource(String contractName, String path) {
        try (InputStream in = ContractArtifact.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no compiled contract " + contractName + " on the classpath (" + path
                        + "); is it declared in src/main/solidity/" + contractName + ".sol of the chains module?");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
