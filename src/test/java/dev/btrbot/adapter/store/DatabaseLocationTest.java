package dev.btrbot.adapter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.btrbot.config.BotConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseLocationTest {

    @Test
    void aPathIsASqliteFileAndSoIsNothing() {
        assertThat(DatabaseLocation.parse("/data/btr.db")).isEqualTo(new DatabaseLocation.SqliteFile(Path.of("/data/btr.db")));
        assertThat(DatabaseLocation.parse("btr.db")).isEqualTo(new DatabaseLocation.SqliteFile(Path.of("btr.db")));
        assertThat(DatabaseLocation.parse(null)).isEqualTo(new DatabaseLocation.SqliteFile(Path.of("btr.db")));
    }

    @Test
    void aPostgresqlUrlBecomesAJdbcUrlAndAUser() {
        assertThat(DatabaseLocation.parse("postgresql://btr@db.internal:5432/btr?sslmode=require"))
                .isEqualTo(new DatabaseLocation.Postgres("jdbc:postgresql://db.internal:5432/btr?sslmode=require", "btr"));
        assertThat(DatabaseLocation.parse("postgres://db/btr")).isEqualTo(new DatabaseLocation.Postgres("jdbc:postgresql://db/btr", null));
        assertThat(DatabaseLocation.parse("jdbc:postgresql://db:5432/btr?user=btr"))
                .isEqualTo(new DatabaseLocation.Postgres("jdbc:postgresql://db:5432/btr?user=btr", null));
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutBeingRepeated() {
        for (String url : new String[] {"postgresql://btr:hunter2@db/btr", "jdbc:postgresql://db/btr?user=btr&password=hunter2",
                "postgresql://btr@db/btr?password=hunter2"}) {
            assertThatThrownBy(() -> DatabaseLocation.parse(url)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("BTR_DB must not carry the password: set BTR_DB_PASSWORD or BTR_DB_PASSWORD_FILE instead.");
        }
    }

    @Test
    void anotherKindOfUrlOrOneWithoutADatabaseIsRefused() {
        assertThatThrownBy(() -> DatabaseLocation.parse("mysql://db/btr")).hasMessageStartingWith("BTR_DB must be a SQLite file path");
        assertThatThrownBy(() -> DatabaseLocation.parse("postgresql://db")).hasMessageContaining("must name a host and a database");
    }

    @Test
    void theConfigurationKeepsThePasswordOutOfItsTextAndLocalFilesOutOfAUrl() {
        BotConfig config = BotConfig.fromEnvironment(Map.of("BTR_DB", "postgresql://btr@db/btr", "BTR_DB_PASSWORD", "hunter2"));
        assertThat(config.database().password()).isEqualTo("hunter2");
        assertThat(config.toString()).doesNotContain("hunter2");
        assertThat(config.database().localFiles()).isEqualTo(Path.of("btr-data", "btr"));
        assertThat(BotConfig.fromEnvironment(Map.of()).database().localFiles()).isEqualTo(Path.of("btr.db"));
    }
}
