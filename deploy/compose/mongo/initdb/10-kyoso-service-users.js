// Runs once, when the mongo container starts on an empty data volume (the image's /docker-entrypoint-initdb.d), after
// the root user of MONGO_INITDB_ROOT_USERNAME has been created. One user per service, each allowed to read and write
// its own database only; the passwords come from .env (see .env.example). For an existing volume, see README.md
// ("Running with Docker", credentials).
const services = [
    { user: 'members-service', db: 'kyoso-members', password: 'KYOSO_MONGO_MEMBERS_PASSWORD' },
    { user: 'posts-service', db: 'kyoso-posts', password: 'KYOSO_MONGO_POSTS_PASSWORD' },
    { user: 'notifications-service', db: 'kyoso-notifications', password: 'KYOSO_MONGO_NOTIFICATIONS_PASSWORD' },
];
for (const service of services) {
    const password = process.env[service.password];
    if (!password || !/^[A-Za-z0-9_-]{16,}$/.test(password)) {
        throw new Error(service.password + ' must be set: 16 or more of A-Z a-z 0-9 _ - (see .env.example)');
    }
    const database = db.getSiblingDB(service.db);
    if (database.getUser(service.user)) {
        database.updateUser(service.user, { pwd: password, roles: [{ role: 'readWrite', db: service.db }] });
    } else {
        database.createUser({ user: service.user, pwd: password, roles: [{ role: 'readWrite', db: service.db }] });
    }
    print('kyoso: user ' + service.user + ' may read and write ' + service.db + ' only');
}
