package io.swapdesk.chains.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthChainId;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.http.HttpService;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line: deploys one compiled contract and prints its address as one JSON line, for the
 * scripts that prepare local chains.
 *
 * <pre>
 * DEPLOYER_KEY=0x… java … io.swapdesk.chains.internal.DeployContract \
 *     --rpc http://127.0.0.1:8545 --contract TestToken --args "USD Coin,USDC,6"
 * → {"contract":"TestToken","address":"0x…","chainId":31337}
 * </pre>
 *
 * <p>The key comes from the environment, never from the arguments, which other users of the
 * machine can read in the process list. Constructor arguments are split at commas, so a value
 * cannot contain one. Exit status: 0 deployed, 1 deployment failed, 2 bad usage.
 */
public final class DeployContract {

    static final String KEY_VARIABLE = "DEPLOYER_KEY";
    private static final String USAGE = "usage: " + KEY_VARIABLE + "=0x<private key> DeployContract"
            + " --rpc <http(s) URL> --contract <name> [--args \"<value>,<value>,…\"]";

    private DeployContract() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(KEY_VARIABLE), System.out, System.err));
    }

    static int run(String[] args, String privateKey, PrintStream out, PrintStream err) {
        try {
            Options options = Options.parse(args);
            out.println(deploy(options, credentials(privateKey)));
            return 0;
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (ContractDeploymentException | IllegalArgumentException | DomainException e) {
            err.println("deployment failed: " + e.getMessage());
            return 1;
        }
    }

    private static String deploy(Options options, Credentials credentials) {
        ContractArtifact artifact = ContractArtifact.load(options.contract());
        String encodedArguments = artifact.encodeConstructorArguments(options.constructorArguments());
        Web3j web3j = Web3j.build(new HttpService(options.rpc()));
        try {
            ChainId chainId = chainId(web3j);
            EvmAddress address = new ContractDeployer(web3j, credentials, chainId).deploy(artifact, encodedArguments);
            return json(artifact.name(), address, chainId);
        } finally {
            web3j.shutdown();
        }
    }

    private static ChainId chainId(Web3j web3j) {
        try {
            EthChainId answer = web3j.ethChainId().send();
            if (answer.hasError()) {
                throw new ContractDeploymentException("eth_chainId answered error: " + answer.getError().getMessage());
            }
            return ChainId.of(answer.getChainId().longValueExact());
        } catch (IOException | ClientConnectionException e) {
            throw new ContractDeploymentException("the RPC endpoint does not answer eth_chainId: " + e.getMessage(), e);
        }
    }

    private static Credentials credentials(String privateKey) {
        if (privateKey == null || privateKey.isBlank()) {
            throw new UsageException("environment variable " + KEY_VARIABLE + " is not set");
        }
        try {
            return Credentials.create(privateKey.strip());
        } catch (RuntimeException e) {
            // Deliberately without the cause's message: it could echo the key.
            throw new UsageException(KEY_VARIABLE + " is not a hex private key");
        }
    }

    private static String json(String contract, EvmAddress address, ChainId chainId) {
        Map<String, Object> deployed = new LinkedHashMap<>();
        deployed.put("contract", contract);
        deployed.put("address", address.toChecksumString());
        deployed.put("chainId", chainId.value());
        try {
            return ObjectMapperFactory.getObjectMapper().writeValueAsString(deployed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a map of strings and a number as JSON", e);
        }
    }

    record Options(String rpc, String contract, List<String> constructorArguments) {

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i += 2) {
                String name = args[i];
                if (!List.of("--rpc", "--contract", "--args").contains(name)) {
                    throw new UsageException("unknown option " + name);
                }
                if (i + 1 >= args.length) {
                    throw new UsageException(name + " needs a value");
                }
                values.put(name, args[i + 1]);
            }
            return new Options(required(values, "--rpc"), required(values, "--contract"),
                    splitArguments(values.getOrDefault("--args", "")));
        }

        private static String required(Map<String, String> values, String name) {
            String value = values.get(name);
            if (value == null || value.isBlank()) {
                throw new UsageException(name + " is required");
            }
            return value;
        }

        private static List<String> splitArguments(String text) {
            return text.isEmpty() ? List.of() : Arrays.stream(text.split(",", -1)).map(String::strip).toList();
        }
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
