package io.swapdesk.chains.internal;

import io.swapdesk.chains.testing.AnvilExtension;
import io.swapdesk.platform.EvmAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContractDeployerTest {

    @RegisterExtension
    static final AnvilExtension CHAIN = AnvilExtension.withChainId(31337);

    private static final Credentials OWNER = Credentials.create(AnvilExtension.DEV_KEY_0);
    private static final Credentials STRANGER = Credentials.create(AnvilExtension.DEV_KEY_1);
    private static final EvmAddress OWNER_ADDRESS = EvmAddress.parse(AnvilExtension.DEV_ADDRESS_0);
    private static final EvmAddress STRANGER_ADDRESS = EvmAddress.parse(AnvilExtension.DEV_ADDRESS_1);
    private static final EvmAddress HOLDER = EvmAddress.parse("0x00000000000000000000000000000000000A11cE");
    private static final BigInteger HUNDRED_USDC = BigInteger.valueOf(100_000_000);

    private static Web3j web3j;
    private static ContractArtifact testToken;
    private ContractDeployer deployer;

    @BeforeAll
    static void connect() {
        web3j = Web3j.build(new HttpService(CHAIN.rpcUrl()));
        testToken = ContractArtifact.load("TestToken");
    }

    @AfterAll
    static void disconnect() {
        web3j.shutdown();
    }

    @BeforeEach
    void newDeployer() {
        deployer = new ContractDeployer(web3j, OWNER, CHAIN.chainId());
    }

    @Test
    void theAnvilDevKeysBelongToTheDevAddresses() {
        assertThat(EvmAddress.parse(OWNER.getAddress())).isEqualTo(OWNER_ADDRESS);
        assertThat(EvmAddress.parse(STRANGER.getAddress())).isEqualTo(STRANGER_ADDRESS);
    }

    @Test
    void deploysTestTokenWithItsConstructorArguments() throws Exception {
        TokenClient token = usdc();

        assertThat(token.name()).isEqualTo("USD Coin");
        assertThat(token.symbol()).isEqualTo("USDC");
        assertThat(token.decimals()).isEqualTo(6);
        assertThat(token.owner()).isEqualTo(OWNER_ADDRESS);
        assertThat(token.totalSupply()).isZero();
    }

    @Test
    void theOwnerMints() throws Exception {
        TokenClient token = usdc();

        TransactionReceipt minted = token.mint(OWNER, HOLDER, HUNDRED_USDC);

        assertThat(minted.isStatusOK()).isTrue();
        assertThat(minted.getLogs()).hasSize(1);
        assertThat(token.balanceOf(HOLDER)).isEqualTo(HUNDRED_USDC);
        assertThat(token.totalSupply()).isEqualTo(HUNDRED_USDC);
    }

    @Test
    void mintFromAnyoneButTheOwnerReverts() throws Exception {
        TokenClient token = usdc();

        TransactionReceipt minted = token.mint(STRANGER, STRANGER_ADDRESS, HUNDRED_USDC);

        assertThat(minted.isStatusOK()).isFalse();
        assertThat(token.balanceOf(STRANGER_ADDRESS)).isZero();
        assertThat(token.totalSupply()).isZero();
        // The revert is the ownership check (not, say, running out of gas): OwnableUnauthorizedAccount(stranger).
        String selector = Hash.sha3String("OwnableUnauthorizedAccount(address)").substring(0, 10);
        assertThat(token.mintRevertData(STRANGER_ADDRESS, STRANGER_ADDRESS, HUNDRED_USDC))
                .isEqualToIgnoringCase(selector + "000000000000000000000000" + STRANGER_ADDRESS.toChecksumString().substring(2));
    }

    @Test
    void transferMovesTokensAndCannotOverdraw() throws Exception {
        TokenClient token = usdc();
        token.mint(OWNER, OWNER_ADDRESS, HUNDRED_USDC);

        assertThat(token.transfer(OWNER, HOLDER, BigInteger.valueOf(30_000_000)).isStatusOK()).isTrue();
        assertThat(token.transfer(OWNER, HOLDER, HUNDRED_USDC).isStatusOK()).isFalse();

        assertThat(token.balanceOf(OWNER_ADDRESS)).isEqualTo(BigInteger.valueOf(70_000_000));
        assertThat(token.balanceOf(HOLDER)).isEqualTo(BigInteger.valueOf(30_000_000));
    }

    @Test
    void transferFromSpendsTheAllowanceAndNoMore() throws Exception {
        TokenClient token = usdc();
        token.mint(OWNER, OWNER_ADDRESS, HUNDRED_USDC);
        token.approve(OWNER, STRANGER_ADDRESS, BigInteger.valueOf(40_000_000));

        assertThat(token.transferFrom(STRANGER, OWNER_ADDRESS, HOLDER, BigInteger.valueOf(25_000_000)).isStatusOK())
                .isTrue();
        assertThat(token.transferFrom(STRANGER, OWNER_ADDRESS, HOLDER, BigInteger.valueOf(25_000_000)).isStatusOK())
                .isFalse();

        assertThat(token.allowance(OWNER_ADDRESS, STRANGER_ADDRESS)).isEqualTo(BigInteger.valueOf(15_000_000));
        assertThat(token.balanceOf(HOLDER)).isEqualTo(BigInteger.valueOf(25_000_000));
    }

    @Test
    void eachDeploymentIsANewContract() {
        EvmAddress first = deployer.deploy(testToken, testToken.encodeConstructorArguments(List.of("A", "A", "18")));
        EvmAddress second = deployer.deploy(testToken, testToken.encodeConstructorArguments(List.of("A", "A", "18")));

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aDeploymentThatRevertsFailsNamingTheContractAndChain() {
        // Without its constructor arguments, TestToken's constructor fails to ABI-decode them and reverts.
        assertThatThrownBy(() -> deployer.deploy(testToken, ""))
                .isInstanceOf(ContractDeploymentException.class)
                .hasMessageStartingWith("deploying TestToken on chain 31337")
                .hasMessageContaining("revert");
    }

    private TokenClient usdc() throws Exception {
        EvmAddress address = deployer.deploy(testToken, testToken.encodeConstructorArguments(List.of("USD Coin", "USDC", "6")));
        String code = web3j.ethGetCode(address.toChecksumString(), DefaultBlockParameterName.LATEST).send().getCode();
        assertThat(code).as("runtime code at %s", address).hasSizeGreaterThan(2);
        return new TokenClient(web3j, CHAIN.chainId(), address);
    }
}
